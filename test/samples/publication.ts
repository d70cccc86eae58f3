/** Valid request bodies (and headers) for the publication and objection routes (issue 4, parts 5–6). */
import type { Sample } from './sample';

export const publicationSamples: Record<string, Sample> = {
  publishVoterList: () => ({ body: { note: '申诉请向镇选举委员会办公室提出' } }),
  grantPublicationOverride: () => ({ body: { until: '2099-01-01', reason: '山区村组登记延误' } }),
  fileObjection: () => ({
    body: { districtId: 'd1', filedBy: { name: '李四', relation: '本人' }, about: { name: '李四' }, kind: 'omitted', text: '本人户籍在本村，未列入选民名单' },
  }),
  decideObjection: () => ({ body: { objectionId: '01968f5e-0000-7000-8000-000000000000', upheld: false, reason: '经核实已在他处登记', change: { kind: 'none' } } }),
};
