/**
 * The printable documents of a published voter list: the notice posted in the village
 * (选民名单公告: title, district, polling stations, voters in stroke order of surname, counts,
 * date) and the voter certificates (选民证: one per voter). Plain HTML with print CSS: a browser
 * prints it, nothing to install. Every value is escaped.
 */
import { certificateNumber, type FrozenVoter, type ListChange } from '@township/domain';
import type { PublicationRecord, PublishedDistrict } from '@township/store';

const escape = (s: string | number) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const REASON_ZH: Record<string, string> = {
  deceased: '死亡',
  moved_away: '迁出',
  deprived: '被剥夺政治权利',
  unable: '无法行使选举权利',
  suspended: '停止行使选举权利',
  elsewhere: '在外地参加选举',
  removed: '已不在登记名册',
};
const SEX_ZH = { male: '男', female: '女' } as const;
const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font-family:"SimSun","Songti SC",serif;margin:2em}
h1{text-align:center;font-size:1.6em;letter-spacing:.2em}
.district{page-break-after:always}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #333;padding:.2em .4em;font-size:.95em}
.names{columns:4;column-gap:2em;list-style:none;padding:0}
.names li{break-inside:avoid}
.cert{border:2px solid #900;width:14cm;padding:1em;margin:0 auto 1cm;page-break-inside:avoid}
.cert h2{text-align:center;color:#900;letter-spacing:.5em}
.sign{text-align:right;margin-top:2em}
@media print{body{margin:0}}
</style></head><body>
${body}
</body></html>`;
}

export interface NoticeInput {
  townshipName: string;
  publication: PublicationRecord;
  districts: Array<{ district: PublishedDistrict; voters: FrozenVoter[]; changes: ListChange[] }>;
}

/** 选民名单公告. */
export function noticeHtml({ townshipName, publication, districts }: NoticeInput): string {
  const supplement = publication.kind === 'supplement';
  const title = `${townshipName}选民名单${supplement ? '（补充公布）' : ''}公告`;
  if (districts.length === 0) return page(title, `<h1>${escape(title)}</h1><p>没有可显示的选区。</p>`);
  const sections = districts.map(({ district, voters, changes }) => {
    const c = district.counts;
    const stations = district.pollingStations.length
      ? `<ul>${district.pollingStations.map((s) => `<li>${escape(s.name)}（${escape(s.address)}${s.mobileBoxes ? `，流动票箱 ${s.mobileBoxes} 个` : ''}）</li>`).join('')}</ul>`
      : '<p>投票站另行公告。</p>';
    const changeRows = changes.map((ch) => {
      const what =
        ch.kind === 'added' ? '补登' : ch.kind === 'moved' ? `由${escape(ch.fromDistrictId)}选区转入` : ch.kind === 'corrected' ? `更正（原：${escape(ch.before.name)}）` : `除名（${escape(REASON_ZH[ch.reason] ?? ch.reason)}）`;
      return `<tr><td>${escape(ch.voter.name)}</td><td>${SEX_ZH[ch.voter.sex]}</td><td>${what}</td></tr>`;
    });
    return `<section class="district">
<h1>${escape(title)}</h1>
<p>根据《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》第二十八条，现将<strong>${escape(district.name)}</strong>选民名单公布如下（按姓氏笔画排列）：</p>
<ol class="names">${voters.map((v) => `<li>${escape(v.name)}（${SEX_ZH[v.sex]}）</li>`).join('')}</ol>
${supplement && changeRows.length ? `<h2>本次补充公布的变动</h2><table><tr><th>姓名</th><th>性别</th><th>变动</th></tr>${changeRows.join('')}</table>` : ''}
<p>本选区登记选民共 <strong>${c.registered}</strong> 人，其中男 ${c.bySex.male} 人，女 ${c.bySex.female} 人。${Object.entries(c.notOnList).length ? `未列入名单：${Object.entries(c.notOnList).map(([k, n]) => `${escape(REASON_ZH[k] ?? k)} ${n} 人`).join('，')}。` : ''}</p>
<p>投票站：</p>${stations}
<p>选举日：${zhDate(publication.electionDay)}。对公布的选民名单有不同意见的，可在公布之日起五日内向选举委员会提出申诉。${escape(publication.note)}</p>
<p class="sign">${escape(townshipName)}选举委员会<br>${zhDate(publication.publishedOn)}</p>
</section>`;
  });
  return page(title, sections.join('\n'));
}

export interface CertificatesInput {
  townshipName: string;
  publication: PublicationRecord;
  districts: Array<{ district: PublishedDistrict; voters: FrozenVoter[] }>;
  /** Which document of how many (500 certificates each). */
  page?: { n: number; of: number };
}

/** 选民证: one per voter, with the number, name, district, polling station, election day and masked ID. */
export function certificatesHtml({ townshipName, publication, districts, page: part }: CertificatesInput): string {
  const title = `${townshipName}选民证${part && part.of > 1 ? `（第 ${part.n}/${part.of} 份）` : ''}`;
  const cards = districts.flatMap(({ district, voters }) => {
    const station = district.pollingStations[0];
    return voters.map(
      (v) => `<div class="cert">
<h2>选民证</h2>
<table>
<tr><th>编号</th><td>${escape(certificateNumber(district.id, v.certificate))}</td></tr>
<tr><th>姓名</th><td>${escape(v.name)}</td></tr>
<tr><th>性别</th><td>${SEX_ZH[v.sex]}</td></tr>
<tr><th>公民身份号码</th><td>${escape(v.maskedId)}</td></tr>
<tr><th>选区</th><td>${escape(townshipName)}${escape(district.name)}</td></tr>
<tr><th>投票站</th><td>${station ? `${escape(station.name)}（${escape(station.address)}）` : '另行通知'}</td></tr>
<tr><th>选举日</th><td>${zhDate(publication.electionDay)}</td></tr>
</table>
<p class="sign">${escape(townshipName)}选举委员会（盖章）</p>
</div>`,
    );
  });
  return page(title, cards.length ? cards.join('\n') : `<h1>${escape(title)}</h1><p>没有可显示的选民。</p>`);
}

/** The page answered before anything is published. */
export function notPublishedHtml(townshipName: string): string {
  return page(`${townshipName}选民名单`, `<h1>${escape(townshipName)}选民名单</h1><p>选民名单尚未公布。</p>`);
}
