export * from './table';
export * from './scope';
export * from './keys';
export * from './errors';
export * from './audit';
export * from './client';
export * from './commit';
export * from './pagination';
export * from './records';
export * from './store';
// issue 3 (timeline): its exports go on the lines below this one
// issue 4 (voter roll): its exports go on the lines below this one
