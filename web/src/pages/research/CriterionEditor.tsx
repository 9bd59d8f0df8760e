import { Checkbox, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { cohortApi, type CodeEntry } from '../../api/cohorts';
import type { EncounterType, Sex } from '../../api/types';
import { useI18n } from '../../i18n/I18nContext';
import { encounterTypeLabels, label, sexLabels } from '../../i18n/labels';
import type { MessageKey } from '../../i18n/messages';
import type { CriterionDraft, Domain, Relation } from './criteria';

const EVENT_DOMAINS: Domain[] = ['diagnosis', 'operation', 'drug', 'lab', 'noteFact', 'encounter'];

/** Code patterns typed freely (`I21.*`) or picked from the codes the hospital's records use. */
function CodePicker({
  domain,
  value,
  onChange,
  testId,
}: {
  domain: string;
  value: string[];
  onChange: (codes: string[]) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [options, setOptions] = useState<CodeEntry[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      cohortApi
        .codes(domain, typed, controller.signal)
        .then(setOptions)
        .catch(() => setOptions([]));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [domain, typed]);
  return (
    <Select
      mode="tags"
      data-testid={testId}
      style={{ minWidth: 320 }}
      placeholder={t(domain === 'noteFact' ? 'cohort.pickConcepts' : 'cohort.pickCodes')}
      value={value}
      onChange={onChange}
      onSearch={setTyped}
      filterOption={false}
      tokenSeparators={[',', '，', ' ']}
      options={options.map((o) => ({
        value: o.code,
        label: (
          <span>
            {o.code} <Typography.Text type="secondary">{o.display !== o.code ? o.display : ''} · {o.facts}</Typography.Text>
          </span>
        ),
      }))}
    />
  );
}

/** Edits one criterion; `scoped` adds the time window and same-stay binding that rules have. */
export function CriterionEditor({
  value,
  onChange,
  scoped,
  allowDemographics,
  testId,
}: {
  value: CriterionDraft;
  onChange: (next: CriterionDraft) => void;
  scoped: boolean;
  allowDemographics: boolean;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const set = (patch: Partial<CriterionDraft>) => onChange({ ...value, ...patch });
  const domains = allowDemographics ? [...EVENT_DOMAINS, 'demographics' as Domain] : EVENT_DOMAINS;
  const c = value;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          data-testid={`${testId}-domain`}
          style={{ width: 150 }}
          value={c.domain}
          onChange={(domain: Domain) => onChange({ ...c, domain, codes: [], texts: [] })}
          options={domains.map((d) => ({ value: d, label: t(`cohort.domain.${d}` as MessageKey) }))}
        />
        {['diagnosis', 'operation', 'drug', 'lab'].includes(c.domain) && (
          <CodePicker domain={c.domain} value={c.codes} onChange={(codes) => set({ codes })} testId={`${testId}-codes`} />
        )}
        {c.domain === 'lab' && (
          <>
            <InputNumber placeholder={t('cohort.valueMin')} value={c.valueMin} onChange={(v) => set({ valueMin: v })} />
            <InputNumber placeholder={t('cohort.valueMax')} value={c.valueMax} onChange={(v) => set({ valueMax: v })} />
          </>
        )}
        {c.domain === 'encounter' && (
          <Select
            mode="multiple"
            data-testid={`${testId}-encounter-type`}
            style={{ minWidth: 200 }}
            placeholder={t('cohort.encounterType')}
            value={c.encounterTypes}
            onChange={(encounterTypes: string[]) => set({ encounterTypes })}
            options={(['INPATIENT', 'OUTPATIENT', 'EMERGENCY'] as EncounterType[]).map((e) => ({
              value: e,
              label: label(encounterTypeLabels, lang, e),
            }))}
          />
        )}
        {c.domain === 'demographics' && (
          <>
            <InputNumber
              data-testid={`${testId}-age-min`}
              min={0}
              placeholder={t('cohort.ageMin')}
              value={c.ageMin}
              onChange={(v) => set({ ageMin: v })}
            />
            <InputNumber min={0} placeholder={t('cohort.ageMax')} value={c.ageMax} onChange={(v) => set({ ageMax: v })} />
            <Select
              mode="multiple"
              style={{ minWidth: 140 }}
              placeholder={t('patient.sex')}
              value={c.sex}
              onChange={(sex: string[]) => set({ sex })}
              options={(['MALE', 'FEMALE'] as Sex[]).map((s) => ({ value: s, label: label(sexLabels, lang, s) }))}
            />
          </>
        )}
      </Space>
      {c.domain === 'noteFact' && (
        <Space wrap>
          <CodePicker domain="noteFact" value={c.codes} onChange={(codes) => set({ codes })} testId={`${testId}-concepts`} />
          <Select
            mode="tags"
            data-testid={`${testId}-texts`}
            style={{ minWidth: 160 }}
            placeholder={t('cohort.noteText')}
            value={c.texts}
            onChange={(texts: string[]) => set({ texts })}
            open={false}
          />
          <Select
            data-testid={`${testId}-assertion`}
            style={{ width: 130 }}
            value={c.assertion}
            onChange={(assertion) => set({ assertion })}
            options={(['AFFIRMED', 'NEGATED', 'ANY'] as const).map((v) => ({ value: v, label: t(`cohort.assertion.${v}`) }))}
          />
          <Select
            style={{ width: 130 }}
            value={c.temporality}
            onChange={(temporality) => set({ temporality })}
            options={(['ANY', 'CURRENT', 'HISTORICAL'] as const).map((v) => ({ value: v, label: t(`cohort.temporality.${v}`) }))}
          />
          <Select
            style={{ width: 130 }}
            value={c.experiencer}
            onChange={(experiencer) => set({ experiencer })}
            options={(['PATIENT', 'FAMILY', 'ANY'] as const).map((v) => ({ value: v, label: t(`cohort.experiencer.${v}`) }))}
          />
        </Space>
      )}
      {scoped && c.domain !== 'demographics' && (
        <Space wrap>
          <Typography.Text type="secondary">{t('cohort.when')}</Typography.Text>
          <Select
            style={{ width: 150 }}
            value={c.relation}
            onChange={(relation: Relation) => set({ relation })}
            options={(['any', 'before', 'after', 'around'] as Relation[]).map((r) => ({
              value: r,
              label: t(`cohort.relation.${r}` as MessageKey),
            }))}
          />
          {c.relation !== 'any' && (
            <>
              <InputNumber min={0} addonAfter={t('cohort.days')} value={c.days} onChange={(v) => set({ days: v })} />
              <InputNumber min={0} addonAfter={t('cohort.hours')} value={c.hours} onChange={(v) => set({ hours: v })} />
            </>
          )}
          <Checkbox checked={c.sameEncounter} onChange={(e) => set({ sameEncounter: e.target.checked })}>
            {t('cohort.sameEncounter')}
          </Checkbox>
        </Space>
      )}
    </Space>
  );
}
