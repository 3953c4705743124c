/** 自评报告: the report's sections (基本情况, 主要做法与成效, 存在问题, 整改措施与下一步打算, and any others). */
import { Card, Form, Input } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n.js";
import { SaveBadge } from "./SaveBadge.js";
import type { SelfEvaluation } from "./types.js";
import type { EvaluationSaver } from "./use-evaluation-saver.js";

const SECTIONS = ["基本情况", "主要做法与成效", "存在问题", "整改措施与下一步打算"];

export function ReportPanel({ view, saver }: { view: SelfEvaluation; saver: EvaluationSaver }) {
  const { t } = useI18n();
  const [report, setReport] = useState<Record<string, string>>(() => view.report);
  const sections = [...SECTIONS, ...Object.keys(view.report).filter((s) => !SECTIONS.includes(s))];
  const editable = view.editable && view.permissions.editAll;
  return (
    <Card size="small" title={t("self.report.title")} extra={<SaveBadge state={saver.state} />}>
      <Form layout="vertical" component="div">
        {sections.map((section) => (
          <Form.Item key={section} label={section}>
            <Input.TextArea
              aria-label={section}
              value={report[section] ?? ""}
              disabled={!editable}
              showCount
              maxLength={50_000}
              autoSize={{ minRows: 3, maxRows: 12 }}
              onChange={(e) => {
                const next = { ...report, [section]: e.target.value };
                setReport(next);
                saver.editReport(next);
              }}
            />
          </Form.Item>
        ))}
      </Form>
    </Card>
  );
}
