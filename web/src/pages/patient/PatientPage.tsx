import { Card, Col, Result, Row, Skeleton, Tabs, type TabsProps } from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/api';
import { ApiError } from '../../api/client';
import type { PatientRecord, TimelineEvent, TimelineKind } from '../../api/types';
import { useApi } from '../../components/useApi';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { PatientHeader } from './PatientHeader';
import { PatientTimeline } from './PatientTimeline';
import { RecordContext, recordView } from './RecordContext';
import { DiagnosesTab } from './tabs/DiagnosesTab';
import { DocumentsTab } from './tabs/DocumentsTab';
import { EncountersTab } from './tabs/EncountersTab';
import { ExamsTab } from './tabs/ExamsTab';
import { LabsTab } from './tabs/LabsTab';
import { OperationsTab } from './tabs/OperationsTab';
import { OrdersTab } from './tabs/OrdersTab';
import { VitalsTab } from './tabs/VitalsTab';
import { highlightFromParams } from './documentLink';

type TabKey = 'encounters' | 'diagnoses' | 'operations' | 'orders' | 'labs' | 'vitals' | 'exams' | 'documents';

const tabOfEvent: Record<TimelineKind, TabKey> = {
  ENCOUNTER: 'encounters',
  TRANSFER: 'encounters',
  DISCHARGE: 'encounters',
  DIAGNOSIS: 'diagnoses',
  OPERATION: 'operations',
  ORDER: 'orders',
  LAB: 'labs',
  EXAM: 'exams',
  DOCUMENT: 'documents',
};

const tabCount: Record<TabKey, (record: PatientRecord) => number> = {
  encounters: (r) => r.encounters.length,
  diagnoses: (r) => r.diagnoses.length,
  operations: (r) => r.operations.length,
  orders: (r) => r.orders.length,
  labs: (r) => r.labs.length,
  vitals: (r) => r.vitals.length,
  exams: (r) => r.exams.length,
  documents: (r) => r.documents.length,
};

/**
 * Patient 360: demographics, a timeline, and every kind of record in tabs. `?doc=ID&start=S&end=E` opens a
 * document with the characters S..E (UTF-16 offsets, end exclusive) highlighted, as VTE evidence links do.
 */
export default function PatientPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useI18n();
  const [params] = useSearchParams();
  const linked = useMemo(() => highlightFromParams(params), [params]);
  const record = useApi((signal) => api.patient(id, signal), [id]);
  const timeline = useApi((signal) => api.timeline(id, signal), [id]);
  const [activeTab, setActiveTab] = useState<TabKey>(linked.documentId ? 'documents' : 'encounters');
  const [documentId, setDocumentId] = useState<string | undefined>(linked.documentId);
  const highlight = linked.documentId && linked.highlight ? { documentId: linked.documentId, ...linked.highlight } : undefined;

  // A new link while the page is open (same patient): show that document.
  useEffect(() => {
    if (!linked.documentId) return;
    setActiveTab('documents');
    setDocumentId(linked.documentId);
  }, [linked.documentId, linked.highlight?.start, linked.highlight?.end]);
  const view = useMemo(() => (record.data ? recordView(record.data) : null), [record.data]);

  const openEvent = useCallback((event: TimelineEvent) => {
    const tab = tabOfEvent[event.kind];
    setActiveTab(tab);
    if (tab === 'documents' && event.refId) setDocumentId(event.refId);
  }, []);

  if (record.loading && !view) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (!view) {
    const notFound = record.error instanceof ApiError && record.error.status === 404;
    return <Result status={notFound ? '404' : 'warning'} title={record.error?.message} />;
  }

  const tabBodies: Record<TabKey, ReactNode> = {
    encounters: <EncountersTab />,
    diagnoses: <DiagnosesTab />,
    operations: <OperationsTab />,
    orders: <OrdersTab />,
    labs: <LabsTab />,
    vitals: <VitalsTab />,
    exams: <ExamsTab />,
    documents: <DocumentsTab selectedId={documentId} onSelect={setDocumentId} highlight={highlight} />,
  };
  const tabs: TabsProps['items'] = (Object.keys(tabBodies) as TabKey[]).map((key) => ({
    key,
    label: (
      <span data-testid={`tab-${key}`}>
        {t(`tab.${key}` as MessageKey)} ({tabCount[key](view.record)})
      </span>
    ),
    children: tabBodies[key],
  }));

  return (
    // Keyed by patient so that per-tab state (chosen lab item, document) does not leak between patients.
    <RecordContext.Provider value={view} key={id}>
      <PatientHeader patient={view.record.patient} />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} xl={6}>
          <PatientTimeline events={timeline.data ?? []} onOpen={openEvent} />
        </Col>
        <Col xs={24} xl={18}>
          <Card size="small">
            <Tabs
              activeKey={activeTab}
              onChange={(key) => setActiveTab(key as TabKey)}
              items={tabs}
              destroyOnHidden
            />
          </Card>
        </Col>
      </Row>
    </RecordContext.Provider>
  );
}
