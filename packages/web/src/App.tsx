/** The app shell: language, Ant Design locale and theme, the session, and the routes (each page its own chunk). */
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { SessionProvider, useSession } from "./auth/session.js";
import { I18nProvider, useI18n } from "./i18n/i18n.js";
import { AppLayout } from "./layout/AppLayout.js";
import { PageSpinner } from "./layout/PageSpinner.js";
import { theme } from "./theme.js";

const LoginPage = lazy(() => import("./pages/LoginPage.js"));
const WorkspacePage = lazy(() => import("./pages/WorkspacePage.js"));
const CampaignListPage = lazy(() => import("./pages/CampaignListPage.js"));
const CampaignDetailPage = lazy(() => import("./pages/CampaignDetailPage.js"));
const CampaignWizardPage = lazy(() => import("./pages/campaign-wizard/CampaignWizardPage.js"));
const SelfEvaluationPage = lazy(() => import("./pages/self-evaluation/SelfEvaluationPage.js"));
const ReviewsPage = lazy(() => import("./pages/review/ReviewsPage.js"));
const ReviewEntryPage = lazy(() => import("./pages/review/ReviewEntryPage.js"));
const GradingRunPage = lazy(() => import("./pages/grading/GradingRunPage.js"));
const ResultsPage = lazy(() => import("./pages/grading/ResultsPage.js"));
const OrganisationsPage = lazy(() => import("./pages/organisations/OrganisationsPage.js"));
const AuditTrailPage = lazy(() => import("./pages/organisations/AuditTrailPage.js"));
const SchemeLibraryPage = lazy(() => import("./pages/schemes/SchemeLibraryPage.js"));
const SchemeDetailPage = lazy(() => import("./pages/schemes/SchemeDetailPage.js"));
const TemplatesPage = lazy(() => import("./pages/documents/TemplatesPage.js"));
const DashboardPage = lazy(() => import("./pages/dashboard/DashboardPage.js"));
const PublicSurveyPage = lazy(() => import("./pages/surveys/PublicSurveyPage.js"));
const RectificationItemPage = lazy(() => import("./pages/rectification/RectificationItemPage.js"));
const CasesPage = lazy(() => import("./pages/cases/CasesPage.js"));
const CasePage = lazy(() => import("./pages/cases/CasePage.js"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage.js"));

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session === undefined) return <PageSpinner />;
  if (session === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

function Localised({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === "zh" ? zhCN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised>
        <SessionProvider>
          <BrowserRouter>
            <Suspense fallback={<PageSpinner />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/s/:token" element={<PublicSurveyPage />} />
                <Route
                  element={
                    <RequireSession>
                      <AppLayout />
                    </RequireSession>
                  }
                >
                  <Route index element={<WorkspacePage />} />
                  <Route path="campaigns" element={<CampaignListPage />} />
                  <Route path="campaigns/new" element={<CampaignWizardPage />} />
                  <Route path="campaigns/:id" element={<CampaignDetailPage />} />
                  <Route
                    path="campaigns/:campaignId/self-evaluations/:organisationId"
                    element={<SelfEvaluationPage />}
                  />
                  <Route
                    path="campaigns/:campaignId/units/:organisationId/review/:groupCode"
                    element={<ReviewEntryPage />}
                  />
                  <Route path="reviews" element={<ReviewsPage />} />
                  <Route path="grading-runs/:id" element={<GradingRunPage />} />
                  <Route path="organisations" element={<OrganisationsPage />} />
                  <Route path="organisations/:id/audit" element={<AuditTrailPage />} />
                  <Route path="organisations/:id/results" element={<ResultsPage />} />
                  <Route path="schemes" element={<SchemeLibraryPage />} />
                  <Route path="document-templates" element={<TemplatesPage />} />
                  <Route path="schemes/:id" element={<SchemeDetailPage />} />
                  <Route path="dashboard" element={<DashboardPage />} />
                  <Route path="rectification-items/:id" element={<RectificationItemPage />} />
                  <Route path="cases" element={<CasesPage />} />
                  <Route path="cases/:id" element={<CasePage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </Localised>
    </I18nProvider>
  );
}
