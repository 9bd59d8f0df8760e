import { Card, Empty, Select, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { TimelineEvent, TimelineKind } from '../../api/types';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import { label, timelineKindLabels } from '../../i18n/labels';

const kindColors: Record<TimelineKind, string> = {
  ENCOUNTER: 'blue',
  TRANSFER: 'cyan',
  DISCHARGE: 'green',
  DIAGNOSIS: 'red',
  OPERATION: 'magenta',
  ORDER: 'gold',
  LAB: 'purple',
  EXAM: 'geekblue',
  DOCUMENT: 'gray',
};

const allKinds = Object.keys(kindColors) as TimelineKind[];
// Orders and labs are numerous; they have their own tabs and are off by default.
const defaultKinds = allKinds.filter((kind) => kind !== 'ORDER' && kind !== 'LAB');

interface PatientTimelineProps {
  events: TimelineEvent[];
  onOpen: (event: TimelineEvent) => void;
}

/** The patient's encounters and clinical events in time order; clicking one opens it in the tabs. */
export function PatientTimeline({ events, onOpen }: PatientTimelineProps) {
  const { t, lang } = useI18n();
  const [kinds, setKinds] = useState<TimelineKind[]>(defaultKinds);
  const items = useMemo(
    () =>
      events
        .filter((event) => kinds.includes(event.kind))
        .map((event, index) => ({
          key: `${event.kind}-${event.refId ?? index}-${event.at}`,
          color: kindColors[event.kind],
          children: (
            <div style={{ cursor: 'pointer' }} onClick={() => onOpen(event)} data-testid="timeline-event">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(event.at)}
              </Typography.Text>{' '}
              <Tag color={kindColors[event.kind]}>{label(timelineKindLabels, lang, event.kind)}</Tag>
              <div>{event.title}</div>
              {event.detail && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {event.detail}
                </Typography.Text>
              )}
            </div>
          ),
        })),
    [events, kinds, lang, onOpen],
  );

  return (
    <Card
      title={t('patient.timeline')}
      size="small"
      extra={
        <Select<TimelineKind[]>
          mode="multiple"
          size="small"
          maxTagCount={0}
          maxTagPlaceholder={() => `${t('patient.timelineKinds')} ${kinds.length}/${allKinds.length}`}
          style={{ width: 150 }}
          placeholder={t('patient.timelineKinds')}
          value={kinds}
          onChange={setKinds}
          options={allKinds.map((kind) => ({ value: kind, label: label(timelineKindLabels, lang, kind) }))}
        />
      }
      styles={{ body: { maxHeight: '75vh', overflowY: 'auto', paddingTop: 16 } }}
      data-testid="patient-timeline"
    >
      {items.length ? <Timeline items={items} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </Card>
  );
}
