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
}

/** Act's input; Act returns the new cursor (`$.cursor`). */
export interface ActInput extends TimelineState {
  wakeAt: string;
}
