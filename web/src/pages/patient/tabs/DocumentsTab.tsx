import { Col, Descriptions, Empty, List, Row, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { ClinicalDocument } from '../../../api/types';
import { ProvenanceInfo } from '../../../components/ProvenanceInfo';
import { compareTime, formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n/I18nContext';
import { documentTypeLabels, label } from '../../../i18n/labels';
import { splitAtSpan, type TextHighlight } from '../documentLink';
import { useRecord } from '../RecordContext';

/** A span of one document's text to highlight (from a link such as a VTE evidence). */
export interface DocumentHighlight extends TextHighlight {
  documentId: string;
}

/** The text with the span marked and scrolled into view. */
function HighlightedText({ text, span }: { text: string; span: TextHighlight | undefined }) {
  const mark = useRef<HTMLElement>(null);
  const parts = splitAtSpan(text, span);
  useEffect(() => {
    mark.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [span?.start, span?.end, text]);
  if (!parts) return <>{text}</>;
  return (
    <>
      {parts.before}
      <mark ref={mark} className="document-highlight" data-testid="document-highlight">
        {parts.marked}
      </mark>
      {parts.after}
    </>
  );
}

function DocumentView({ document, highlight }: { document: ClinicalDocument; highlight?: TextHighlight }) {
  const { t, lang } = useI18n();
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
      <div className="document-text" data-testid="document-text">
        <HighlightedText text={document.text} span={highlight} />
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
