import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { INGEST_ROLES } from './api/ingest';
import { VTE_ROLES } from './api/vte';
import { AuthProvider } from './auth/AuthContext';
import { RequireAuth } from './auth/RequireAuth';
import { NotFound } from './components/Results';
import { useI18n } from './i18n/I18nContext';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { PatientSearchPage } from './pages/patients/PatientSearchPage';

// The chart-heavy pages load ECharts on demand.
const HomePage = lazy(() => import('./pages/home/HomePage'));
const PatientPage = lazy(() => import('./pages/patient/PatientPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));
const VteWardPage = lazy(() => import('./pages/vte/VteWardPage'));
const VteAssessmentPage = lazy(() => import('./pages/vte/VteAssessmentPage'));
const VteAlertsPage = lazy(() => import('./pages/vte/VteAlertsPage'));
const VteMetricsPage = lazy(() => import('./pages/vte/VteMetricsPage'));
const DocumentSearchPage = lazy(() => import('./pages/search/DocumentSearchPage'));
const IntegrationPage = lazy(() => import('./pages/integration/IntegrationPage'));
const CohortListPage = lazy(() => import('./pages/research/CohortListPage'));
const CohortBuilderPage = lazy(() => import('./pages/research/CohortBuilderPage'));
const CohortDetailPage = lazy(() => import('./pages/research/CohortDetailPage'));

/** Providers and routes of the workbench. */
export function App() {
  const { lang } = useI18n();
  // Set during render (idempotent) so that date pickers rendered below already use it.
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f6feb' } }}>
      <AntApp>
        <AuthProvider>
          <Suspense fallback={<Spin size="large" fullscreen />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="patients" element={<PatientSearchPage />} />
                <Route path="patients/:id" element={<PatientPage />} />
                <Route path="search" element={<DocumentSearchPage />} />
                <Route
                  path="admin/audit"
                  element={
                    <RequireAuth role="ADMIN">
                      <AuditPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="vte"
                  element={
                    <RequireAuth role={VTE_ROLES}>
                      <Outlet />
                    </RequireAuth>
                  }
                >
                  <Route index element={<Navigate to="ward" replace />} />
                  <Route path="ward" element={<VteWardPage />} />
                  <Route path="patients" element={<VteAssessmentPage />} />
                  <Route path="patients/:id" element={<VteAssessmentPage />} />
                  <Route path="alerts" element={<VteAlertsPage />} />
                  <Route path="metrics" element={<VteMetricsPage />} />
                </Route>
                <Route
                  path="integration"
                  element={
                    <RequireAuth role={INGEST_ROLES}>
                      <IntegrationPage />
                    </RequireAuth>
                  }
                />
                <Route path="research/cohorts" element={<CohortListPage />} />
                <Route path="research/cohorts/new" element={<CohortBuilderPage />} />
                <Route path="research/cohorts/:id" element={<CohortDetailPage />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
