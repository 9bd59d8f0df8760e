import { FileTextOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { VteEvidence } from '../../api/vte';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import {
  openLabel,
  vteAlertKindLabels,
  vteBleedingBandLabels,
  vteBleedingShortLabels,
  vteEvidenceKindLabels,
  vteRiskBandLabels,
} from '../../i18n/labels';
import { bleedingBandColor, groupEvidence, noteLink, riskBandColor, type EvidenceGroup } from './vteFormat';

/** A risk band as a coloured tag; `text` overrides the label (e.g. the model's own band label). */
export function RiskBandTag({ band, text }: { band: string | null | undefined; text?: string }) {
  const { lang } = useI18n();
  if (!band) return null;
  return (
    <Tag color={riskBandColor(band)} data-testid="vte-risk-band" style={{ marginInlineEnd: 0 }}>
      {text ?? openLabel(vteRiskBandLabels, lang, band)}
    </Tag>
  );
}

export function BleedingBandTag({ band, text, short }: { band: string | null | undefined; text?: string; short?: boolean }) {
  const { lang } = useI18n();
  if (!band) return null;
  return (
    <Tag color={bleedingBandColor(band)} style={{ marginInlineEnd: 0 }}>
      {text ?? openLabel(short ? vteBleedingShortLabels : vteBleedingBandLabels, lang, band)}
    </Tag>
  );
}

const ALERT_COLORS: Record<string, string> = {
  NO_PROPHYLAXIS: 'volcano',
  PHARM_CONTRAINDICATED: 'magenta',
  ASSESSMENT_OVERDUE: 'orange',
};

export function AlertKindTag({ kind }: { kind: string }) {
  const { lang } = useI18n();
  return (
    <Tag color={ALERT_COLORS[kind] ?? 'default'} data-testid="vte-alert-kind">
      {openLabel(vteAlertKindLabels, lang, kind)}
    </Tag>
  );
}

/** Pharmacological / mechanical prophylaxis in place, as two small tags; "none" in red when the patient is at risk. */
export function ProphylaxisTags({ pharm, mech, atRisk }: { pharm: boolean; mech: boolean; atRisk?: boolean }) {
  const { t } = useI18n();
  if (!pharm && !mech) {
    return <Typography.Text type={atRisk ? 'danger' : 'secondary'}>{t('vte.prophylaxis.none')}</Typography.Text>;
  }
  return (
    <Space size={4}>
      {pharm && <Tag color="blue">{t('vte.prophylaxis.pharm')}</Tag>}
      {mech && <Tag color="cyan">{t('vte.prophylaxis.mech')}</Tag>}
    </Space>
  );
}

/** One fact behind an item: its kind, what it says, its value and time; note facts link into the document. */
export function EvidenceLine({ patientId, group }: { patientId: string; group: EvidenceGroup }) {
  const { t, lang } = useI18n();
  const evidence = group.first;
  const link = noteLink(patientId, evidence);
  const detail = [evidence.value, evidence.code, formatDateTime(evidence.at)].filter(Boolean).join(' · ');
  return (
    <div data-testid="vte-evidence" className="vte-evidence">
      <Tag bordered={false} style={{ marginInlineEnd: 6 }}>
        {openLabel(vteEvidenceKindLabels, lang, evidence.kind)}
      </Tag>
      {link ? (
        <Tooltip title={t('vte.evidence.openNote')}>
          <Link to={link} data-testid="vte-evidence-note-link">
            <FileTextOutlined /> {evidence.display}
          </Link>
        </Tooltip>
      ) : (
        <span>{evidence.display}</span>
      )}
      {detail && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {detail}
        </Typography.Text>
      )}
      {!link && group.more.length > 0 && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          ×{group.more.length + 1}
        </Typography.Text>
      )}
      {link && group.more.map((other, index) => {
        const otherLink = noteLink(patientId, other);
        const text = t('vte.evidence.mention', { n: index + 2 });
        return otherLink ? (
          <Link key={`${other.id}|${other.start ?? index}`} to={otherLink} style={{ marginInlineStart: 8, fontSize: 12 }}>
            {text}
          </Link>
        ) : (
          <Typography.Text key={`${other.id}|${index}`} type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {text}
          </Typography.Text>
        );
      })}
    </div>
  );
}

export function EvidenceList({ patientId, evidence }: { patientId: string; evidence: VteEvidence[] }) {
  const { t } = useI18n();
  if (evidence.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <div>
      {groupEvidence(evidence).map((group, index) => (
        <EvidenceLine key={`${group.first.kind}|${group.first.id}|${group.first.start ?? ''}|${index}`} patientId={patientId} group={group} />
      ))}
    </div>
  );
}
