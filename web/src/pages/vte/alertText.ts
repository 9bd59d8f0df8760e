// The server writes alert messages as Chinese sentences with knowledge ids inside (VteWard.alerts):
//   NO_PROPHYLAXIS        "VTE风险highest（caprini-2005 6分），24小时内未采取预防措施；建议：both"
//   PHARM_CONTRAINDICATED "正在药物预防/抗凝，但存在药物预防禁忌：" + a fragment of the assessment JSON
//   ASSESSMENT_OVERDUE    "入院24小时内无医师记录的VTE风险评估"
// This turns the known shapes into readable text in the UI language; anything else is shown as sent.

import {
  openLabel,
  vteModelShortLabels,
  vteProphylaxisLabels,
  vteRiskBandLabels,
} from '../../i18n/labels';
import type { Lang } from '../../i18n/messages';

const NO_PROPHYLAXIS = /^VTE风险([\w-]+)（([\w-]+) ([\d.]+)分），(\d+)小时内未采取预防措施；建议：([\w-]+)$/;
const CONTRAINDICATED = /^正在药物预防\/抗凝，但存在药物预防禁忌：(.*)$/s;
const OVERDUE = /^入院(\d+)小时内无医师记录的VTE风险评估$/;

/** The contraindication labels named in the JSON fragment the server appends, in the language asked. */
export function contraindicationLabels(fragment: string, lang: Lang): string[] {
  const field = lang === 'en' ? 'labelEn' : 'label';
  const labels: string[] = [];
  for (const match of fragment.matchAll(new RegExp(`"${field}":"([^"]*)"`, 'g'))) {
    if (!labels.includes(match[1])) labels.push(match[1]);
  }
  return labels;
}

/** A readable alert message in the UI language. */
export function alertText(alert: { kind: string; message: string | null }, lang: Lang): string {
  const message = alert.message ?? '';
  const risk = NO_PROPHYLAXIS.exec(message);
  if (alert.kind === 'NO_PROPHYLAXIS' && risk) {
    const [, band, model, score, hours, advice] = risk;
    const bandText = openLabel(vteRiskBandLabels, lang, band);
    const modelText = openLabel(vteModelShortLabels, lang, model);
    const adviceText = openLabel(vteProphylaxisLabels, lang, advice);
    return lang === 'en'
      ? `${bandText} VTE risk (${modelText} ${score} pts) without prophylaxis for ${hours} h; recommended: ${adviceText}`
      : `VTE风险${bandText}（${modelText} ${score}分），${hours}小时内未采取预防措施；建议：${adviceText}`;
  }
  const contra = CONTRAINDICATED.exec(message);
  if (alert.kind === 'PHARM_CONTRAINDICATED' && contra) {
    const labels = contraindicationLabels(contra[1], lang);
    const list = labels.length > 0 ? labels.join(lang === 'en' ? '; ' : '；') : lang === 'en' ? 'see the assessment' : '见评估详情';
    return lang === 'en'
      ? `Pharmacological prophylaxis or anticoagulation given despite a contraindication: ${list}`
      : `正在药物预防/抗凝，但存在药物预防禁忌：${list}`;
  }
  const overdue = OVERDUE.exec(message);
  if (alert.kind === 'ASSESSMENT_OVERDUE' && overdue && lang === 'en') {
    return `No physician-documented VTE risk assessment within ${overdue[1]} h of admission`;
  }
  return message;
}
