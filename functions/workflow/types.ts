/** The data the timeline state machine (infra/workflow/timeline.asl.json) carries between its states. */

/** Which township election an execution carries, and on which dates. */
export interface ExecutionRef {
  countyId: string;
  townshipId: string;
  roundId: string;
  /** Versioned execution name; the store's execution record names the current one. */
  name: string;
  /** Fingerprint of the round's dates the execution was started on (see `datesKey`). */
  datesKey: string;
}

/** The execution's input, and its state at each Plan. */
export interface TimelineState {
  execution: ExecutionRef;
  /** The last wake-up handled (ISO instant); null before the first. */
  cursor: string | null;
}

/** Plan's result (`$.plan`). */
export interface PlanResult {
  /** Nothing left to wake for, or the dates moved and a newer execution took over. */
  done: boolean;
  /** When to wake (the Wait state's TimestampPath); the current instant when done. */
  wakeAt: string;
  /** Wait for the county's decision first (AwaitApproval), at most `waitSeconds`. */
  approvalWait: boolean;
  /** The AwaitApproval state's TimeoutSecondsPath; 0 when not waiting. */
  waitSeconds: number;
}

/** The AwaitApproval task's payload (a `lambda:invoke.waitForTaskToken`). */
export interface AwaitApprovalInput {
  execution: ExecutionRef;
  taskToken: string;
  /** The next wake-up, which the wait must not outlast. */
  wakeAt: string;
}

/** What the decision sends back to the waiting execution (SendTaskSuccess output). */
export interface ApprovalDecision {
  decided: true;
}

/** Act's input; Act returns the new cursor (`$.cursor`). */
export interface ActInput extends TimelineState {
  wakeAt: string;
}
