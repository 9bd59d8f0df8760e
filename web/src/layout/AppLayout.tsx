import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  HomeOutlined,
  LogoutOutlined,
  MedicineBoxOutlined,
  SearchOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Tag, Typography, type MenuProps } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { INGEST_ROLES } from '../api/ingest';
import { VTE_ROLES } from '../api/vte';
import { useAuth } from '../auth/AuthContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n/I18nContext';
import { label, roleLabels } from '../i18n/labels';

const { Header, Sider, Content } = Layout;

const VTE_PAGES = ['/vte/ward', '/vte/patients', '/vte/alerts', '/vte/metrics'];

/** The menu key of the page a path belongs to. */
function menuKey(pathname: string): string {
  const vte = VTE_PAGES.find((page) => pathname === page || pathname.startsWith(`${page}/`));
  if (vte) return vte;
  if (pathname.startsWith('/patients')) return '/patients';
  if (pathname.startsWith('/search')) return '/search';
  if (pathname.startsWith('/research/cohorts')) return '/research/cohorts';
  if (pathname.startsWith('/integration')) return '/integration';
  if (pathname.startsWith('/admin/audit')) return '/admin/audit';
  return '/';
}

/** Left menu, header (product, user, language, logout) and the current page. */
export function AppLayout() {
  const { t, lang } = useI18n();
  const { user, hasRole, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();

  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: t('menu.home') },
    { key: '/patients', icon: <SearchOutlined />, label: t('menu.patients') },
    {
      key: '/search',
      icon: <FileSearchOutlined />,
      label: <span data-testid="menu-document-search">{t('menu.documentSearch')}</span>,
    },
    {
      key: '/research/cohorts',
      icon: <ExperimentOutlined />,
      label: <span data-testid="menu-cohorts">{t('menu.cohorts')}</span>,
    },
    ...(VTE_ROLES.some(hasRole)
      ? [
          {
            key: 'vte',
            icon: <MedicineBoxOutlined />,
            label: <span data-testid="menu-vte">{t('menu.vte')}</span>,
            children: [
              { key: '/vte/ward', icon: <TeamOutlined />, label: <span data-testid="menu-vte-ward">{t('menu.vteWard')}</span> },
              {
                key: '/vte/patients',
                icon: <FileSearchOutlined />,
                label: <span data-testid="menu-vte-assessment">{t('menu.vteAssessment')}</span>,
              },
              { key: '/vte/alerts', icon: <AlertOutlined />, label: <span data-testid="menu-vte-alerts">{t('menu.vteAlerts')}</span> },
              {
                key: '/vte/metrics',
                icon: <BarChartOutlined />,
                label: <span data-testid="menu-vte-metrics">{t('menu.vteMetrics')}</span>,
              },
            ],
          },
        ]
      : []),
    ...(INGEST_ROLES.some(hasRole)
      ? [
          {
            key: '/integration',
            icon: <ApiOutlined />,
            label: <span data-testid="menu-integration">{t('menu.integration')}</span>,
          },
        ]
      : []),
    ...(hasRole('ADMIN') ? [{ key: '/admin/audit', icon: <AuditOutlined />, label: t('menu.audit') }] : []),
  ];

  const signOut = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={200} theme="dark">
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '18px 24px' }}>{t('app.name')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[menuKey(location.pathname)]}
          defaultOpenKeys={['vte']}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          <Space size="middle">
            <Space size={4} data-testid="current-user">
              <UserOutlined />
              <span>{user?.displayName ?? user?.username}</span>
              {user?.roles.map((role) => (
                <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
                  {label(roleLabels, lang, role)}
                </Tag>
              ))}
            </Space>
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={signOut} data-testid="logout">
              {t('header.logout')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 120 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
