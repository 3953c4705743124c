/** A button that downloads a generated file, showing a refusal or a server error as a message. */
import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, type ButtonProps } from "antd";
import { type ReactNode, useState } from "react";
import { downloadFile } from "../../api/download-file.js";
import { errorText } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";

interface Props {
  url: string;
  /** Used when the server names no file. */
  fileName: string;
  children: ReactNode;
  type?: ButtonProps["type"];
  size?: ButtonProps["size"];
  icon?: ReactNode;
}

export function DownloadButton({ url, fileName, children, type, size, icon }: Props) {
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(url, fileName);
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} size={size} icon={icon ?? <DownloadOutlined />} loading={busy} onClick={download}>
      {children}
    </Button>
  );
}
