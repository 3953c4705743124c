/** 限期整改通知书 in the house style: 主送, preamble, numbered items, 整改要求 ("四个具体"), reply, 落款. */
import type { Paragraph } from "docx";
import {
  addressee,
  body,
  closing,
  heading1,
  heading2,
  houseDocument,
  signature,
  title,
} from "../house-style.js";
import type { RectificationNoticeModel } from "./model.js";

const NUMERALS = "一二三四五六七八九十";

/** （一）…（十）, then （11）: §7.3.3 numbers the second level with Chinese numerals in brackets. */
const second = (n: number) =>
  n <= 10 ? `（${NUMERALS[n - 1]}）` : n < 20 ? `（十${NUMERALS[n - 11]}）` : `（${n}）`;

export function rectificationNoticeDocx(m: RectificationNoticeModel): Promise<Buffer> {
  const items: Paragraph[] = m.hasItems
    ? m.items.flatMap((item, i) => [
        heading2(`${second(i + 1)}${item.indicator}`),
        ...body(`存在问题：${item.problem}`),
        ...body(`整改要求：${item.requirement}`),
        ...body(`整改时限：${item.deadline}`),
        ...(item.status === "" ? [] : body(`整改状态：${item.status}`)),
      ])
    : body("经评估，未发现需要整改的问题。");
  return houseDocument(
    [
      title(m.title),
      addressee(m.unit.name),
      ...body(m.preamble),
      heading1("一、存在问题及整改要求"),
      ...items,
      heading1("二、整改工作要求"),
      ...body(m.fourSpecifics),
      ...closing(m.reply),
      ...signature(m.organiser, m.issuedOn),
    ],
    { title: `${m.unit.name} ${m.title}` },
  );
}
