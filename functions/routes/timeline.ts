/** Issue 3's routes: the timeline view, stage facts, the notifications of township and county. */
import { defineRoute, noParams, noQuery, type AnyRoute } from '../http/route';
import { Page, PageQuery } from '../schemas/common';
import { TownshipParams } from '../schemas/townships';
import { Notification, RecordStageBody, StageFact, Timeline, TimelineParams } from '../schemas/timeline';

const EVERYONE = ['county_admin', 'township_officer', 'district_officer', 'observer'] as const;

export const timelineRoutes = {
  getTimeline: defineRoute({
    operationId: 'getTimeline',
    method: 'GET',
    path: '/townships/{townshipId}/elections/{roundId}/timeline',
    group: 'timeline',
    scope: 'township',
    roles: EVERYONE,
    summary: "The township's deadlines: each stage's status, the reminders sent, and the execution's state",
    params: TimelineParams,
    query: noQuery,
    body: undefined,
    response: Timeline,
    status: 200,
  }),
  recordStage: defineRoute({
    operationId: 'recordStage',
    method: 'POST',
    path: '/townships/{townshipId}/elections/{roundId}/stages',
    group: 'timeline',
    scope: 'township',
    roles: ['county_admin', 'township_officer'],
    summary: 'Record a stage done (date and note, audited); done after its deadline it needs the county\'s approval',
    params: TimelineParams,
    query: noQuery,
    body: RecordStageBody,
    response: StageFact,
    status: 201,
    idempotent: true,
  }),
  listTownshipNotifications: defineRoute({
    operationId: 'listTownshipNotifications',
    method: 'GET',
    path: '/townships/{townshipId}/notifications',
    group: 'notifications',
    scope: 'township',
    roles: ['county_admin', 'township_officer', 'observer'],
    summary: "The township's reminders and overdue notices, newest first",
    params: TownshipParams,
    query: PageQuery,
    body: undefined,
    response: Page(Notification),
    status: 200,
  }),
  listCountyNotifications: defineRoute({
    operationId: 'listCountyNotifications',
    method: 'GET',
    path: '/county/notifications',
    group: 'notifications',
    scope: 'county',
    roles: ['county_admin', 'observer'],
    summary: 'Escalations of missed deadlines and the daily digests of the county, newest first',
    params: noParams,
    query: PageQuery,
    body: undefined,
    response: Page(Notification),
    status: 200,
  }),
} satisfies Record<string, AnyRoute>;
