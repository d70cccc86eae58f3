export * from './errors';
export * from './dates';
export * from './settings';
export * from './deputies';
export * from './apportionment';
export * from './candidates';
export * from './phases';
export * from './stages';
export * from './timeline';
// issue 3 (timeline): its exports go on the lines below this one
export * from './reminders';
export * from './notices';
export * from './approvals';
// issue 4 (voter roll): its exports go on the lines below this one
export * from './resident-id';
export * from './eligibility';
export * from './districts';
export * from './stroke-order';
export * from './publication';
export * from './roll-statistics';
// issue 4 publication & objections: its exports go on the lines below this one
export * from './voter-list';
// issue 4 AWS import path & county statistics: its exports go on the lines below this one
