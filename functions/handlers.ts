/** Every group's handler, for the local gateway (in AWS each is its own Lambda function). */
import type { Group } from './http/route';
import type { HttpHandler } from './http/pipeline';
import { handler as apportionment } from './apportionment';
import { handler as audit } from './audit';
import { handler as elections } from './elections';
import { handler as meta } from './meta';
import { handler as rounds } from './rounds';
import { handler as townships } from './townships';
// issue 3 (timeline): its imports go on the lines below this one
import { handler as notifications } from './notifications';
import { handler as timeline } from './timeline';
// issue 4 (voter roll): its imports go on the lines below this one
import { handler as districts } from './districts';
import { handler as imports } from './imports';
import { handler as conflicts } from './conflicts';
import { handler as voters } from './voters';
import { handler as statistics } from './statistics';
// issue 4 publication & objections: its imports go on the lines below this one
import { handler as publications } from './publications';
import { handler as objections } from './objections';
// issue 4 AWS import path & county statistics: its imports go on the lines below this one

export const handlers: Record<Group, HttpHandler> = {
  meta,
  rounds,
  townships,
  apportionment,
  elections,
  audit,
  // issue 3 (timeline): its handlers go on the lines below this one
  timeline,
  notifications,
  // issue 4 (voter roll): its handlers go on the lines below this one
  districts,
  imports,
  conflicts,
  voters,
  statistics,
  // issue 4 publication & objections: its handlers go on the lines below this one
  publications,
  objections,
  // issue 4 AWS import path & county statistics: its handlers go on the lines below this one
};
