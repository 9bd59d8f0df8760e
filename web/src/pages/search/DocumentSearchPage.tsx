import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  List,
  Pagination,
  Segmented,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/api';
import { ApiError } from '../../api/client';
import {
  REINDEX_ROLES,
  searchApi,
  type DocumentHit,
  type DocumentSearchPage as SearchPage,
  type DocumentSearchQuery,
  type MatchedFact,
  type SearchMode,
  type SearchSort,
  type Snippet,
} from '../../api/search';
import type { DocumentType } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import { documentTypeLabels, label } from '../../i18n/labels';
import { documentLink } from '../patient/documentLink';
import { cohortWords, distinctFacts, paramsFromQuery, queryFromParams, snippetParts } from './searchQuery';

const DATE = 'YYYY-MM-DD';

const MARK_STYLE = { background: '#ffe58f', padding: '0 1px', borderRadius: 2 };

/** One snippet with the query words marked; the text is never treated as HTML. */
function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="doc-search-snippet">
      {snippet.start > 0 ? '…' : ''}
      {snippetParts(snippet).map((part, i) =>
        part.marked ? (
          <mark key={i} style={MARK_STYLE} data-testid="doc-search-mark">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
      {/[。！？；!?;]$/.test(snippet.text) ? '' : '…'}
    </Typography.Paragraph>
  );
}

function FactTag({ fact, count }: { fact: MatchedFact; count: number }) {
  const { t } = useI18n();
  const flags = [
    fact.negated && t('docSearch.flag.negated'),
    fact.uncertain && t('docSearch.flag.uncertain'),
    fact.historical && t('docSearch.flag.historical'),
    fact.family && t('docSearch.flag.family'),
  ].filter(Boolean);
  const masked = flags.length > 0;
  return (
    <Tag color={masked ? 'default' : 'green'} data-testid="doc-search-fact" data-masked={masked}>
      {fact.surface}
      {fact.concept !== fact.surface ? ` → ${fact.concept}` : ''} · {masked ? flags.join('/') : t('docSearch.flag.affirmed')}
      {count > 1 ? ` ×${count}` : ''}
    </Tag>
  );
}

function HitItem({ hit }: { hit: DocumentHit }) {
  const { t, lang } = useI18n();
  const firstMark = hit.snippets.flatMap((s) => s.marks)[0];
  const link = documentLink(hit.patientId, hit.documentId, firstMark);
  return (
    <List.Item data-testid="doc-search-hit" data-document-id={hit.documentId}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={8}>
          <Link to={link} data-testid="doc-search-open" style={{ fontWeight: 600 }}>
            {hit.title}
          </Link>
          {hit.title !== label(documentTypeLabels, 'zh', hit.type) && (
            <Tag color="blue">{label(documentTypeLabels, lang, hit.type)}</Tag>
          )}
          {hit.department && <Tag>{hit.department}</Tag>}
          <Typography.Text type="secondary">{formatDateTime(hit.createdAt)}</Typography.Text>
          <Link to={`/patients/${encodeURIComponent(hit.patientId)}`}>
            {t('docSearch.patient', { id: hit.patientId })}
          </Link>
        </Space>
        {hit.snippets.map((snippet) => (
          <SnippetText key={snippet.start} snippet={snippet} />
        ))}
        {hit.facts.length > 0 && (
          <Space wrap size={4}>
            <Typography.Text type="secondary">{t('docSearch.facts')}:</Typography.Text>
            {distinctFacts(hit.facts).map(({ fact, count }) => (
              <FactTag key={fact.id} fact={fact} count={count} />
            ))}
          </Space>
        )}
        <Link to={link}>{t('docSearch.open')}</Link>
      </Space>
    </List.Item>
  );
}

interface SearchState {
  data: SearchPage | null;
  loading: boolean;
  error: ApiError | undefined;
}

/**
 * Runs the search whenever the query in the URL changes, aborting the previous one. A query the server
 * cannot read (400) is kept for the page to explain beside the search box; other failures are shown as a
 * message, as everywhere in the workbench.
 */
function useDocumentSearch(query: DocumentSearchQuery, queryKey: string): SearchState {
  const { message } = App.useApp();
  const [state, setState] = useState<SearchState>({ data: null, loading: false, error: undefined });
  useEffect(() => {
    if (!query.q) {
      setState({ data: null, loading: false, error: undefined });
      return undefined;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    searchApi
      .documents(query, controller.signal)
      .then((data) => setState({ data, loading: false, error: undefined }))
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return;
        const error = cause instanceof ApiError ? cause : new ApiError(0, null, String(cause));
        setState({ data: null, loading: false, error });
        if (error.status !== 400 && error.status !== 401) void message.error(error.message);
      });
    return () => controller.abort();
    // queryKey is the query as it stands in the URL.
  }, [queryKey]);
  return state;
}

/** Starts a cohort whose index event is a note finding with the searched words, when the query is a list of them. */
function CohortLink({ query }: { query: DocumentSearchQuery }) {
  const { t } = useI18n();
  const words = cohortWords(query.q);
  if (!words) return null;
  const params = new URLSearchParams();
  words.forEach((word) => params.append('noteText', word));
  params.set('mode', query.mode);
  return (
    <Tooltip title={t('docSearch.cohortHint')}>
      <Link to={`/research/cohorts/new?${params.toString()}`} data-testid="doc-search-cohort">
        <ExperimentOutlined /> {t('docSearch.cohort')}
      </Link>
    </Tooltip>
  );
}

/** Index status, with a rebuild button for admins and data stewards. */
function IndexStatusLine() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const status = useApi((signal) => searchApi.status(signal), []);
  const [rebuilding, setRebuilding] = useState(false);
  const rebuild = async () => {
    setRebuilding(true);
    try {
      const s = await searchApi.reindex();
      void message.success(t('docSearch.reindexed', { documents: s.documents, ms: s.buildMillis }));
      status.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setRebuilding(false);
    }
  };
  const s = status.data;
  const text = !s
    ? ''
    : s.building
      ? t('docSearch.indexBuilding')
      : s.built
        ? t('docSearch.index', { documents: s.documents, at: dayjs(s.builtAt).format('YYYY-MM-DD HH:mm') })
        : t('docSearch.indexNotBuilt');
  return (
    <Space size={8} data-testid="doc-search-index">
      <Typography.Text type="secondary">{text}</Typography.Text>
      {REINDEX_ROLES.some(hasRole) && (
        <Button size="small" icon={<ReloadOutlined />} loading={rebuilding} onClick={rebuild} data-testid="doc-search-reindex">
          {t('docSearch.reindex')}
        </Button>
      )}
    </Space>
  );
}

/**
 * Full-text search of the clinical documents: by default only what the notes affirm of the patient now,
 * or every mention; filters by document type, department and date; passages with the words marked, the facts
 * the words fall on, and a link that opens the note in the patient's record at the words.
 */
export default function DocumentSearchPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const queryKey = params.toString();
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  const departments = useApi((signal) => api.departments(signal), []);
  const result = useDocumentSearch(query, queryKey);

  const update = (change: Partial<DocumentSearchQuery>) =>
    setParams(paramsFromQuery({ ...query, page: 0, ...change }));
  const badQuery = result.error?.status === 400 ? result.error : undefined;
  const page = result.data;
  const range: [Dayjs | null, Dayjs | null] | null =
    query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null;

  return (
    <Card title={t('docSearch.title')} extra={<IndexStatusLine />}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Input.Search
          size="large"
          allowClear
          enterButton={t('docSearch.submit')}
          placeholder={t('docSearch.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(value) => update({ q: value })}
          data-testid="doc-search-input"
        />
        <Space wrap size={12}>
          <Segmented<SearchMode>
            value={query.mode}
            onChange={(mode) => update({ mode })}
            options={[
              { value: 'affirmed', label: <span data-testid="doc-search-mode-affirmed">{t('docSearch.mode.affirmed')}</span> },
              { value: 'all', label: <span data-testid="doc-search-mode-all">{t('docSearch.mode.all')}</span> },
            ]}
            data-testid="doc-search-mode"
          />
          <Typography.Text type="secondary">
            {query.mode === 'affirmed' ? t('docSearch.mode.affirmedHint') : t('docSearch.mode.allHint')}
          </Typography.Text>
        </Space>
        <Space wrap size={12}>
          <Select<DocumentType[]>
            mode="multiple"
            allowClear
            placeholder={t('docSearch.types')}
            style={{ minWidth: 220 }}
            value={query.types}
            onChange={(types) => update({ types })}
            options={Object.keys(documentTypeLabels.zh).map((type) => ({
              value: type as DocumentType,
              label: label(documentTypeLabels, lang, type as DocumentType),
            }))}
            data-testid="doc-search-types"
          />
          <Select<string[]>
            mode="multiple"
            allowClear
            showSearch
            placeholder={t('docSearch.departments')}
            style={{ minWidth: 220 }}
            loading={departments.loading}
            value={query.departments}
            onChange={(selected) => update({ departments: selected })}
            options={(departments.data ?? []).map((name) => ({ value: name, label: name }))}
            data-testid="doc-search-departments"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('docSearch.dates'), t('docSearch.dates')]}
            value={range}
            onChange={(dates) =>
              update({ from: dates?.[0]?.format(DATE) ?? undefined, to: dates?.[1]?.format(DATE) ?? undefined })
            }
          />
          <Segmented<SearchSort>
            value={query.sort}
            onChange={(sort) => update({ sort })}
            options={[
              { value: 'relevance', label: t('docSearch.sort.relevance') },
              { value: 'newest', label: t('docSearch.sort.newest') },
            ]}
          />
          <Button onClick={() => setParams(new URLSearchParams())}>{t('docSearch.reset')}</Button>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('docSearch.syntax')}
        </Typography.Text>
        {badQuery && (
          <Alert type="warning" showIcon message={t('docSearch.badQuery')} description={badQuery.message} data-testid="doc-search-error" />
        )}
        {!query.q ? (
          <Empty description={t('docSearch.start')} />
        ) : (
          page && (
            <>
              <Space wrap size={12}>
                <Typography.Text strong data-testid="doc-search-total" data-total={page.total} data-mode={page.mode}>
                  {t('docSearch.summary', { total: page.total, patients: page.patients, ms: page.elapsedMs })}
                </Typography.Text>
                <CohortLink query={query} />
              </Space>
              <List<DocumentHit>
                loading={result.loading}
                dataSource={page.hits}
                rowKey="documentId"
                locale={{ emptyText: t('docSearch.empty') }}
                renderItem={(hit) => <HitItem hit={hit} />}
              />
              {page.total > page.size && (
                <Pagination
                  current={query.page + 1}
                  pageSize={page.size}
                  total={Math.min(page.total, 10_000)}
                  showSizeChanger={false}
                  onChange={(p) => setParams(paramsFromQuery({ ...query, page: p - 1 }))}
                />
              )}
            </>
          )
        )}
        {query.q && !page && result.loading && <List loading dataSource={[]} />}
      </Space>
    </Card>
  );
}
