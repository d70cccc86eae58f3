/**
 * The platform's clock. Handlers ask it for "now" instead of `new Date()`, so that the local
 * platform can run a timeline on a simulated clock.
 */
let source: () => Date = () => new Date();

export const now = (): Date => source();

export function setClock(next: () => Date): void {
  source = next;
}
