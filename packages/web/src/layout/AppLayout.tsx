/** The office frame: a top bar (product, user, role, language, sign-out) and a side menu for the user's role. */
import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BookOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileWordOutlined,
  HomeOutlined,
  LogoutOutlined,
  TranslationOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Button, Layout, Menu, Space, Tag, Typography } from "antd";
import { type ReactNode, Suspense } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { kindOf, mainRole } from "../auth/roles.js";
import { useSession, useSignedIn } from "../auth/session.js";
import type { MessageKey } from "../i18n/dictionary.js";
import { useI18n } from "../i18n/i18n.js";
import { SEAL_RED } from "../theme.js";
import { NotificationBell } from "./NotificationBell.js";
import { PageSpinner } from "./PageSpinner.js";

interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

const WORKSPACE: MenuEntry = { path: "/", label: "nav.workspace", icon: <HomeOutlined /> };
const CAMPAIGNS: MenuEntry = { path: "/campaigns", label: "nav.campaigns", icon: <AppstoreOutlined /> };
const REVIEWS: MenuEntry = { path: "/reviews", label: "nav.reviews", icon: <AuditOutlined /> };
const SCHEMES: MenuEntry = { path: "/schemes", label: "nav.schemes", icon: <BookOutlined /> };
const ORGANISATIONS: MenuEntry = {
  path: "/organisations",
  label: "nav.organisations",
  icon: <ApartmentOutlined />,
};
const TEMPLATES: MenuEntry = {
  path: "/document-templates",
  label: "nav.templates",
  icon: <FileWordOutlined />,
};
const DASHBOARD: MenuEntry = { path: "/dashboard", label: "nav.dashboard", icon: <DashboardOutlined /> };
const CASES: MenuEntry = { path: "/cases", label: "nav.cases", icon: <FileSearchOutlined /> };

/** The side menu of each kind of role. */
const MENUS = {
  organiser: [WORKSPACE, CAMPAIGNS, CASES, DASHBOARD, SCHEMES, ORGANISATIONS, TEMPLATES],
  unit: [WORKSPACE, CAMPAIGNS, CASES],
  reviewer: [WORKSPACE, REVIEWS, CAMPAIGNS],
  viewer: [WORKSPACE, DASHBOARD, CAMPAIGNS],
} as const;

/** The menu entry a page belongs to: the longest menu path its address starts with (campaign pages under 考评活动). */
function selectedKey(pathname: string): string {
  if (pathname.startsWith("/grading-runs")) return "/campaigns";
  const entries = [CAMPAIGNS, REVIEWS, SCHEMES, ORGANISATIONS, DASHBOARD, TEMPLATES, CASES];
  return entries.find((entry) => pathname.startsWith(entry.path))?.path ?? "/";
}

export function AppLayout() {
  const session = useSignedIn();
  const { logout } = useSession();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const role = mainRole(session);
  const menu = MENUS[kindOf(role)];

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: 16 }}>
        <button
          type="button"
          onClick={() => navigate("/")}
          style={{
            display: "flex",
            alignItems: "center",
            gap: 10,
            background: "none",
            border: 0,
            cursor: "pointer",
            padding: 0,
          }}
        >
          <span
            style={{
              display: "inline-flex",
              width: 32,
              height: 32,
              borderRadius: 4,
              background: SEAL_RED,
              color: "#fff",
              fontSize: 20,
              fontWeight: 700,
              alignItems: "center",
              justifyContent: "center",
            }}
          >
            考
          </span>
          <span style={{ color: "#fff", fontSize: 20, fontWeight: 600, letterSpacing: 2 }}>
            {t("app.name")}
          </span>
          <span style={{ color: "rgba(255,255,255,0.7)", fontSize: 14 }}>{t("app.subtitle")}</span>
        </button>
        <div style={{ flex: 1 }} />
        <Space size="middle">
          <NotificationBell />
          <span style={{ color: "#fff" }}>
            <UserOutlined /> {session.user.displayName}
          </span>
          <Tag color="gold" style={{ marginInlineEnd: 0 }}>
            {t(`role.${role}`)}
          </Tag>
          <Button
            size="small"
            ghost
            icon={<TranslationOutlined />}
            onClick={() => setLang(lang === "zh" ? "en" : "zh")}
          >
            {t("app.language")}
          </Button>
          <Button
            size="small"
            ghost
            icon={<LogoutOutlined />}
            onClick={() => logout().then(() => navigate("/login", { replace: true }))}
          >
            {t("app.logout")}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={208}
          breakpoint="lg"
          collapsedWidth={0}
          style={{ borderRight: "1px solid #e5e8ee" }}
        >
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
            items={menu.map((entry) => ({ key: entry.path, icon: entry.icon, label: t(entry.label) }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <Layout.Footer style={{ textAlign: "center", padding: "10px 0", color: "#8c8c8c" }}>
        <Typography.Text type="secondary">{t("app.footer")}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
