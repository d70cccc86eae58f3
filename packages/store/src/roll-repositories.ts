/** The voter roll's repositories, in one import for `ElectionStore`. */
export { DistrictRepository, DivisionRepository } from './districts';
export { VoterRepository } from './voters';
export { ImportRepository } from './voter-imports';
