import type { TableColumnType } from 'antd';
import type { Provenance } from '../../../api/types';
import { ProvenanceInfo } from '../../../components/ProvenanceInfo';
import { compareTime, formatDate, formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n/I18nContext';
import { encounterTypeLabels, label } from '../../../i18n/labels';
import type { MessageKey } from '../../../i18n/messages';
import { useRecord } from '../RecordContext';

interface Sourced {
  encounterId?: string;
  provenance?: Provenance | null;
}

/** Column helpers shared by the record tabs. */
export function useColumns<T extends Sourced>() {
  const { t, lang } = useI18n();
  const { encounters } = useRecord();

  const encounter: TableColumnType<T> = {
    title: t('col.encounter'),
    key: 'encounter',
    width: 190,
    render: (_, row) => {
      const found = row.encounterId ? encounters.get(row.encounterId) : undefined;
      if (!found) return row.encounterId ?? '';
      return `${label(encounterTypeLabels, lang, found.type)} · ${found.department} · ${formatDate(found.admittedAt)}`;
    },
  };

  const time = (key: keyof T & string, title: MessageKey, sortable = false): TableColumnType<T> => ({
    title: t(title),
    dataIndex: key,
    key,
    width: 150,
    render: (value: string | null) => formatDateTime(value),
    ...(sortable
      ? { sorter: (a: T, b: T) => compareTime(a[key] as string | null, b[key] as string | null) }
      : {}),
  });

  const text = (key: keyof T & string, title: MessageKey, width?: number): TableColumnType<T> => ({
    title: t(title),
    dataIndex: key,
    key,
    width,
  });

  const provenance: TableColumnType<T> = {
    key: 'provenance',
    width: 40,
    align: 'center',
    render: (_, row) => <ProvenanceInfo provenance={row.provenance} />,
  };

  return { encounter, time, text, provenance, t, lang };
}

/** Table settings shared by the record tabs: compact, 20 rows a page, scrolling sideways rather than squeezing. */
export const tabTable = {
  rowKey: 'id',
  size: 'small',
  scroll: { x: 'max-content' },
  pagination: { pageSize: 20, hideOnSinglePage: true },
} as const;
