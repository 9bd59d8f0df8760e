import { describe, expect, it } from 'vitest';
import { alertText, contraindicationLabels } from './alertText';

const fragment =
  '"pharmacological":[{"id":"recent_major_surgery_high_bleeding","label":"近期接受大手术且出血高危","labelEn":"Recent major surgery with high bleeding risk","against":"pharmac';

describe('alert text', () => {
  it('names band, model and advice in words instead of ids', () => {
    const alert = { kind: 'NO_PROPHYLAXIS', message: 'VTE风险highest（caprini-2005 6分），24小时内未采取预防措施；建议：both' };
    expect(alertText(alert, 'zh')).toBe('VTE风险极高危（Caprini 6分），24小时内未采取预防措施；建议：药物+机械预防');
    expect(alertText(alert, 'en')).toBe(
      'Highest VTE risk (Caprini 6 pts) without prophylaxis for 24 h; recommended: Pharmacological + mechanical',
    );
  });

  it('lists the contraindications instead of the JSON fragment', () => {
    const alert = { kind: 'PHARM_CONTRAINDICATED', message: `正在药物预防/抗凝，但存在药物预防禁忌：${fragment}` };
    expect(alertText(alert, 'zh')).toBe('正在药物预防/抗凝，但存在药物预防禁忌：近期接受大手术且出血高危');
    expect(alertText(alert, 'en')).toContain('Recent major surgery with high bleeding risk');
    expect(contraindicationLabels('"pharmacological":[]', 'zh')).toEqual([]);
  });

  it('translates the overdue message and keeps anything unknown as sent', () => {
    const overdue = { kind: 'ASSESSMENT_OVERDUE', message: '入院24小时内无医师记录的VTE风险评估' };
    expect(alertText(overdue, 'zh')).toBe('入院24小时内无医师记录的VTE风险评估');
    expect(alertText(overdue, 'en')).toBe('No physician-documented VTE risk assessment within 24 h of admission');
    expect(alertText({ kind: 'NEW_KIND', message: '新的预警' }, 'en')).toBe('新的预警');
    expect(alertText({ kind: 'NO_PROPHYLAXIS', message: '改过的措辞' }, 'zh')).toBe('改过的措辞');
  });
});
