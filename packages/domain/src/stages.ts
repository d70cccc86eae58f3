/**
 * The stages of an election round, from the implementation plan's phases to the runoff, with
 * their Chinese and English titles and the article each rests on.
 */
export type StageKey =
  | 'preparation'
  | 'districtDivision'
  | 'registration'
  | 'voterListPublication'
  | 'objections'
  | 'objectionDecisions'
  | 'lateRegistration'
  | 'nomineeList'
  | 'candidateList'
  | 'courtDecisions'
  | 'voting'
  | 'results'
  | 'runoff';

/** Canonical order of the stages; breaks ties between equal deadlines in the timeline. */
export const STAGE_ORDER: readonly StageKey[] = Object.freeze([
  'preparation',
  'districtDivision',
  'registration',
  'voterListPublication',
  'objections',
  'objectionDecisions',
  'lateRegistration',
  'nomineeList',
  'candidateList',
  'courtDecisions',
  'voting',
  'results',
  'runoff',
] as const);

export const STAGE_INFO: Readonly<Record<StageKey, { titleZh: string; title: string; article: string }>> = Object.freeze({
  preparation: { titleZh: '准备和培训', title: 'Preparation and training', article: 'implementation plan' },
  districtDivision: { titleZh: '划分选区和分配代表名额', title: 'District division and seat allocation', article: 'implementation plan' },
  registration: { titleZh: '选民登记', title: 'Voter registration', article: 'implementation plan' },
  voterListPublication: { titleZh: '公布选民名单、发放选民证', title: 'Voter list published, voter certificates issued', article: 'EL 28; ZJ 33' },
  objections: { titleZh: '对选民名单提出申诉', title: 'Objections to the voter list', article: 'EL 29' },
  objectionDecisions: { titleZh: '对申诉作出处理决定', title: 'Decisions on objections', article: 'EL 29' },
  lateRegistration: { titleZh: '补充登记选民', title: 'Late registration of voters', article: 'ZJ 29' },
  nomineeList: { titleZh: '公布推荐的代表候选人名单', title: 'Nominee list published', article: 'EL 32' },
  candidateList: { titleZh: '公布正式代表候选人名单', title: 'Final candidate list published', article: 'EL 32' },
  courtDecisions: { titleZh: '向人民法院起诉', title: 'Last day to take an objection decision to court', article: 'EL 29' },
  voting: { titleZh: '投票选举', title: 'Voting', article: 'EL 11; EL 34' },
  results: { titleZh: '确定选举结果、公布当选代表名单', title: 'Results and the elected announced', article: 'EL 46' },
  runoff: { titleZh: '另行选举', title: 'Runoff for unfilled seats', article: 'EL 45; ZJ 49 (date: setting)' },
});
