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
export * from './timeline';
// issue 4 (voter roll): its exports go on the lines below this one
export * from './roll-keys';
export * from './roll-records';
export * from './batch';
export * from './districts';
export * from './voters';
export * from './voter-imports';
// issue 4 publication & objections: its exports go on the lines below this one
export * from './publications';
export * from './objections';
// issue 4 AWS import path & county statistics: its exports go on the lines below this one
export * from './roll-statistics';
