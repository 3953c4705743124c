/** The look: a restrained government-office blue with the red seal colour for the product mark. */
import type { ThemeConfig } from "antd";

export const SEAL_RED = "#b3261e";

export const theme: ThemeConfig = {
  token: {
    colorPrimary: "#1f4e96",
    colorLink: "#1f4e96",
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: {
      headerBg: "#163a73",
      headerHeight: 56,
      headerPadding: "0 20px",
      siderBg: "#ffffff",
      bodyBg: "#f0f2f5",
    },
    Menu: { itemSelectedBg: "#e8eef8", itemSelectedColor: "#1f4e96" },
    Table: { headerBg: "#f3f6fa" },
  },
};
