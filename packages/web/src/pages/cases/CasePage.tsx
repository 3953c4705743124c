/**
 * One case (`/cases/:id`): its details and deadlines, its stages as steps, the action on the current stage for
 * whoever's stage it is (the unit at 分派, the 回访 outcome at 回访; the center may send it back), and its history.
 */
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Steps,
  Timeline,
  Typography,
} from "antd";
import { useParams } from "react-router";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { useApi } from "../../api/use-api.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { BackLink } from "../../layout/BackLink.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { CaseStatusTag } from "./CaseStatusTag.js";
import type { CaseDetail } from "./case-types.js";

interface ActionForm {
  note?: string;
  unitId?: string;
  revisited?: boolean;
}

export default function CasePage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const {
    data: item,
    error,
    reload,
  } = useApi(() => call(api.GET("/api/v1/cases/{id}", { params: { path: { id } } })), [id]);
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (item === undefined || item.id !== id) return <PageSpinner />;
  const stageName = (code: string | null) => item.stages.find((s) => s.code === code)?.name ?? code ?? "";
  const current = item.stages.findIndex((s) => s.status === "current");

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space>
            <BackLink to={`/cases?type=${item.typeId}`} />
            <span>
              {t("cases.case.title")} {item.number}
            </span>
            <CaseStatusTag item={item} />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("cases.type")}>{item.typeName}</Descriptions.Item>
          <Descriptions.Item label={t("cases.caseTitle")}>{item.title}</Descriptions.Item>
          <Descriptions.Item label={t("cases.address")}>{item.address ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("cases.unit")}>
            {item.unitName ?? t("cases.notDispatched")}
          </Descriptions.Item>
          <Descriptions.Item label={t("cases.receivedAt")}>
            {formatDateTime(item.receivedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t("cases.dueAt")}>{formatDateTime(item.dueAt)}</Descriptions.Item>
          <Descriptions.Item label={t("cases.stage")}>
            {item.stageName ?? t("cases.finished")}
          </Descriptions.Item>
          <Descriptions.Item label={t("cases.stageDue")}>
            <Typography.Text type={item.overdue ? "danger" : undefined}>
              {formatDateTime(item.stageDueAt)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("cases.closedAt")}>{formatDateTime(item.closedAt)}</Descriptions.Item>
          {item.details !== null ? (
            <Descriptions.Item label={t("cases.details")}>{item.details}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t("cases.case.stages")}>
        <Steps
          size="small"
          current={current < 0 ? item.stages.length : current}
          items={item.stages.map((s) => ({
            title: s.name,
            description: `${t(`cases.actor.${s.actor}`)} · ${t("cases.hours", { hours: s.hours })}`,
            status:
              s.status === "done"
                ? "finish"
                : s.status === "current"
                  ? item.overdue
                    ? "error"
                    : "process"
                  : "wait",
          }))}
        />
      </Card>
      <CaseAction item={item} onDone={reload} />
      <Card size="small" title={t("cases.case.history")}>
        <Timeline
          items={item.events.map((e) => ({
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  {formatDateTime(e.at)} {e.actorName}{" "}
                  {e.action === "received"
                    ? t("cases.event.received")
                    : e.action === "returned"
                      ? t("cases.event.returned", { stage: stageName(e.stageCode) })
                      : t("cases.event.completed", { stage: stageName(e.stageCode) })}
                  {e.unitId !== null ? `，${t("cases.event.dispatched", { unit: item.unitName ?? "" })}` : ""}
                  {e.revisited === true ? `，${t("cases.event.revisitedYes")}` : ""}
                  {e.revisited === false ? `，${t("cases.event.revisitedNo")}` : ""}
                </span>
                {e.note !== null ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
              </Space>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

function CaseAction({ item, onDone }: { item: CaseDetail; onDone(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const dispatching = item.stageCode === item.dispatchStage;
  const revisiting = item.stageCode !== null && item.stageCode === item.revisitStage;
  const units = useApi(
    async () =>
      dispatching && item.mayAct
        ? call(api.GET("/api/v1/organisations", { params: { query: { limit: 500 } } }))
        : undefined,
    [dispatching, item.mayAct],
  );
  if (item.stageCode === null) return <Card size="small">{t("cases.case.allDone")}</Card>;
  if (!item.mayAct && !item.mayReturn)
    return (
      <Card size="small">
        {t("cases.case.waiting", {
          actor: item.stageActor === null ? "" : t(`cases.actor.${item.stageActor}`),
        })}
      </Card>
    );
  const send = async (action: "complete" | "return") => {
    const values = action === "complete" ? await form.validateFields() : form.getFieldsValue();
    try {
      await call(
        api.POST("/api/v1/cases/{id}/actions", {
          params: { path: { id: item.id } },
          body: {
            version: item.version,
            action,
            ...(values.note ? { note: values.note } : {}),
            ...(action === "complete" && dispatching ? { unitId: values.unitId } : {}),
            ...(action === "complete" && revisiting ? { revisited: values.revisited } : {}),
          },
        }),
      );
      message.success(t("cases.case.done"));
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  return (
    <Card size="small" title={t("cases.case.action", { stage: item.stageName ?? "" })}>
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }}>
        {dispatching ? (
          <Form.Item name="unitId" label={t("cases.unit")} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(units.data?.items ?? [])
                .filter((o) => o.parentId !== null && o.id !== item.unitId)
                .map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        ) : null}
        {revisiting ? (
          <Form.Item name="revisited" label={t("cases.case.revisited")} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value={true}>{t("cases.case.revisitedYes")}</Radio>
              <Radio value={false}>{t("cases.case.revisitedNo")}</Radio>
            </Radio.Group>
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t("cases.case.note")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space>
          {item.mayAct ? (
            <Button type="primary" onClick={() => send("complete")}>
              {t("cases.case.complete", { stage: item.stageName ?? "" })}
            </Button>
          ) : null}
          {item.mayReturn ? <Button onClick={() => send("return")}>{t("cases.case.return")}</Button> : null}
        </Space>
      </Form>
    </Card>
  );
}
