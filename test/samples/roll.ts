/** Valid request bodies (and headers) for the voter roll's routes (issue 4). */
import type { Sample } from './sample';

export const rollSamples: Record<string, Sample> = {
  createDistrict: () => ({
    body: { id: 'd1', name: '第一选区', area: '青石村、柳湾村', population: 3000, seats: 2, pollingStations: [{ name: '青石村委会', address: '青石村1号', mobileBoxes: 1 }] },
  }),
  updateDistrict: () => ({ body: { id: 'd1', name: '第一选区', population: 3100, seats: 2 }, headers: { 'if-match': '"1"' } }),
  submitDivision: () => ({ body: {} }),
  decideDivision: () => ({ body: { approved: true } }),
  createVoterImport: () => ({ body: { fileName: '青石村选民.csv' } }),
  resolveConflict: () => ({ body: { personKey: 'a'.repeat(64), stands: 'existing', note: '户籍在本乡镇' } }),
  addVoter: () => ({ body: { name: '张三', residentId: '11010519491231002X', districtId: 'd1' } }),
  editVoter: () => ({ body: { districtId: 'd1', voterId: '0123456789abcdef01234567', address: '青石村三组', reason: '门牌号更正' }, headers: { 'if-match': '"1"' } }),
  moveVoter: () => ({ body: { districtId: 'd1', voterId: '0123456789abcdef01234567', toDistrictId: 'd2', reason: '户籍迁至二组', date: '2026-01-02' }, headers: { 'if-match': '"1"' } }),
  changeVoterStatus: () => ({ body: { districtId: 'd1', voterId: '0123456789abcdef01234567', status: 'deceased', reason: '病故', date: '2026-01-02' }, headers: { 'if-match': '"1"' } }),
  resumeVoterImport: () => ({ body: { importId: '01968f5e-0000-7000-8000-000000000000' } }),
};
