import { Col, Descriptions, Empty, List, Row, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ClinicalDocument, NoteFact } from '../../../api/types';
import { ProvenanceInfo } from '../../../components/ProvenanceInfo';
import { compareTime, formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n/I18nContext';
import { documentTypeLabels, label, noteFactTypeLabels, openLabel } from '../../../i18n/labels';
import { splitAtSpan, type TextHighlight } from '../documentLink';
import { factTitle, runs, visibleFacts, type TextRun } from '../noteMarks';
import { useRecord } from '../RecordContext';

/** A span of one document's text to highlight (from a link such as a VTE evidence). */
export interface DocumentHighlight extends TextHighlight {
  documentId: string;
}

const NOTE_TYPES = ['disease', 'symptom', 'drug', 'operation', 'lab', 'exam', 'anatomy', 'vital'];

/** One run of text, marked when an NLP note fact covers it; negated facts are struck through. */
function Run({ run }: { run: TextRun }) {
  const { t, lang } = useI18n();
  const f = run.fact;
  if (!f) return <>{run.text}</>;
  const title = factTitle(f, openLabel(noteFactTypeLabels, lang, f.type), t);
  const type = NOTE_TYPES.includes(f.type) ? f.type : 'other';
  return (
    <span
      className={`note-fact note-${type}${f.negated ? ' note-negated' : ''}${f.family || f.historical ? ' note-context' : ''}`}
      title={title}
      data-testid="note-fact"
      data-negated={f.negated}
    >
      {run.text}
    </span>
  );
}

/** The text with its note facts marked, and the linked span marked and scrolled into view. */
function HighlightedText({ text, span, facts }: { text: string; span: TextHighlight | undefined; facts: NoteFact[] }) {
  const mark = useRef<HTMLElement>(null);
  const parts = splitAtSpan(text, span);
  const shown = useMemo(() => visibleFacts(text, facts), [text, facts]);
  useEffect(() => {
    mark.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [span?.start, span?.end, text]);
  const render = (from: number, to: number) =>
    runs(text, shown, from, to).map((run) => <Run key={run.start} run={run} />);
  if (!parts) return <>{render(0, text.length)}</>;
  const start = parts.before.length;
  const end = start + parts.marked.length;
  return (
    <>
      {render(0, start)}
      <mark ref={mark} className="document-highlight" data-testid="document-highlight">
        {render(start, end)}
      </mark>
      {render(end, text.length)}
    </>
  );
}

function DocumentView({ document, highlight }: { document: ClinicalDocument; highlight?: TextHighlight }) {
  const { t, lang } = useI18n();
  const { record } = useRecord();
  const [showFacts, setShowFacts] = useState(true);
  const facts = useMemo(
    () => (record.noteFacts ?? []).filter((f) => f.documentId === document.id),
    [record.noteFacts, document.id],
  );
  return (
    <div data-testid="document-view">
      <Space align="baseline">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {document.title || label(documentTypeLabels, lang, document.type)}
        </Typography.Title>
        <ProvenanceInfo provenance={document.provenance} />
      </Space>
      <Descriptions size="small" column={3} style={{ margin: '12px 0' }}>
        <Descriptions.Item label={t('col.type')}>{label(documentTypeLabels, lang, document.type)}</Descriptions.Item>
        <Descriptions.Item label={t('docs.author')}>{document.author}</Descriptions.Item>
        <Descriptions.Item label={t('docs.eventAt')}>{formatDateTime(document.eventAt)}</Descriptions.Item>
        {document.signedAt && (
          <Descriptions.Item label={t('docs.signedAt')}>{formatDateTime(document.signedAt)}</Descriptions.Item>
        )}
      </Descriptions>
      {facts.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }} data-testid="note-fact-legend">
          <Switch size="small" checked={showFacts} onChange={setShowFacts} data-testid="note-fact-toggle" />
          <Typography.Text type="secondary">{t('nlp.showFacts', { n: facts.length })}</Typography.Text>
          {showFacts &&
            NOTE_TYPES.filter((type) => facts.some((f) => f.type === type)).map((type) => (
              <Tag key={type} className={`note-fact note-${type}`} bordered={false}>
                {openLabel(noteFactTypeLabels, lang, type)}
              </Tag>
            ))}
          {showFacts && (
            <Tag bordered={false}>
              <span className="note-fact note-symptom note-negated">{t('nlp.flag.negated')}</span>
            </Tag>
          )}
        </Space>
      )}
      <div className="document-text" data-testid="document-text">
        <HighlightedText text={document.text} span={highlight} facts={showFacts ? facts : []} />
      </div>
    </div>
  );
}

interface DocumentsTabProps {
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  highlight?: DocumentHighlight;
}

/** Clinical documents listed by time; the chosen one is shown in full with its line breaks. */
export function DocumentsTab({ selectedId, onSelect, highlight }: DocumentsTabProps) {
  const { t, lang } = useI18n();
  const { record } = useRecord();
  const documents = [...record.documents].sort((a, b) => compareTime(a.eventAt, b.eventAt));
  if (documents.length === 0) return <Empty description={t('docs.empty')} />;
  const selected = documents.find((document) => document.id === selectedId) ?? documents[0];

  return (
    <Row gutter={16}>
      <Col xs={24} md={8} xl={6}>
        <List<ClinicalDocument>
          size="small"
          bordered
          dataSource={documents}
          style={{ maxHeight: '70vh', overflowY: 'auto' }}
          renderItem={(document) => (
            <List.Item
              data-testid="document-item"
              onClick={() => onSelect(document.id)}
              style={{
                cursor: 'pointer',
                background: document.id === selected.id ? '#e6f0ff' : undefined,
              }}
            >
              <List.Item.Meta
                title={document.title || label(documentTypeLabels, lang, document.type)}
                description={`${formatDateTime(document.eventAt)} · ${document.author ?? ''}`}
              />
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} md={16} xl={18}>
        <DocumentView document={selected} highlight={highlight?.documentId === selected.id ? highlight : undefined} />
      </Col>
    </Row>
  );
}
