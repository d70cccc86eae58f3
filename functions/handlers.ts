/** Every group's handler, for the local gateway (in AWS each is its own Lambda function). */
import type { Group } from './http/route';
import type { HttpHandler } from './http/pipeline';
import { handler as apportionment } from './apportionment';
import { handler as audit } from './audit';
import { handler as elections } from './elections';
import { handler as meta } from './meta';
import { handler as rounds } from './rounds';
import { handler as townships } from './townships';

export const handlers: Record<Group, HttpHandler> = { meta, rounds, townships, apportionment, elections, audit };
