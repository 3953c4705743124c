/**
 * The house style of every generated Word document, after GB/T 9704-2012 《党政机关公文格式》: one place for the
 * page, the fonts and their sizes, the page numbers and the tables, so every document prints like an official one.
 *
 * Fonts: OOXML names one font per run, with no fallback list. The fallback lives in the font table
 * (`word/fontTable.xml`): each font is declared with its alternative name (`w:altName`), the GB2312 character set
 * and its family, which Word, WPS and LibreOffice use to substitute a font that is not installed (方正小标宋简体 is
 * often missing: it falls back to 宋体; 仿宋_GB2312 / 楷体_GB2312 of older systems are found as 仿宋 / 楷体).
 * The names chosen are the ones Windows Office and WPS install (宋体, 仿宋, 黑体, 楷体).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  type IParagraphStyleOptions,
  type IRunOptions,
  type IStylesOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

/** Chinese font sizes (字号) in points. */
export const SIZE = {
  /** 2号: the title (§7.2.3). */
  er: 22,
  /** 3号: the body, headings and the cover's lines (§5.2.2). */
  san: 16,
  /** 4号: page numbers (§7.5) and table headers. */
  si: 14,
  /** 小4号: table cells, so a six-column score table fits the 156 mm type area. */
  xiaoSi: 12,
} as const;

/** docx sizes are half-points. */
export const halfPoints = (points: number): number => points * 2;

/** Millimetres to twips, rounded (the library's converter truncates: 210 mm would be 11905, not Word's A4 11906). */
const twips = (mm: number): number => Math.round((mm / 25.4) * 1440);

/** A4 (§5.2.1: 210 mm × 297 mm). */
export const PAGE_SIZE = { width: twips(210), height: twips(297) };

/**
 * §5.2.1: 天头 (top margin) 37 mm, 订口 (left, binding side) 28 mm; the type area (版心) is 156 mm × 225 mm, which
 * leaves 35 mm at the bottom and 26 mm at the right.
 */
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;

export const PAGE_MARGINS = {
  top: twips(MARGINS_MM.top),
  bottom: twips(MARGINS_MM.bottom),
  left: twips(MARGINS_MM.left),
  right: twips(MARGINS_MM.right),
  header: twips(15),
  /**
   * §7.5: the page number's dash sits 7 mm below the type area; the footer starts about 28 mm above the page's
   * bottom edge (35 mm margin − 7 mm).
   */
  footer: twips(28),
};

/** The type area's width (156 mm), for tables. */
export const TEXT_WIDTH = PAGE_SIZE.width - PAGE_MARGINS.left - PAGE_MARGINS.right;

/**
 * §5.2.2: 22 lines of 28 characters per page. 225 mm / 22 lines ≈ 28.95 pt per line: the exact line pitch
 * government templates use for the body.
 */
export const LINE_PITCH = 579;

/** A font for Chinese text (eastAsia) with Times New Roman for Latin letters and digits, as templates do. */
interface HouseFont {
  /** The name written in the runs. */
  name: string;
  /** The alternative name in the font table, used to substitute a font that is not installed. */
  altName: string;
  /** The font table's family (roman: serif, modern: sans/fixed, script: calligraphic). */
  family: "roman" | "modern" | "script";
}

export const FONTS = {
  /** The title: 小标宋 (§7.2.3), falling back to 宋体 (SimSun), which every Chinese Office, WPS and Linux CJK has. */
  title: { name: "方正小标宋简体", altName: "宋体", family: "roman" },
  /** The body: 仿宋 (§5.2.2 "3号仿宋体字"); 仿宋_GB2312 of older systems is the same face. */
  body: { name: "仿宋", altName: "仿宋_GB2312", family: "modern" },
  /** First-level headings (一、): 黑体 (§7.3.3). */
  heading1: { name: "黑体", altName: "SimHei", family: "modern" },
  /** Second-level headings (（一）): 楷体 (§7.3.3); 楷体_GB2312 of older systems is the same face. */
  heading2: { name: "楷体", altName: "楷体_GB2312", family: "script" },
  /** Page numbers: 宋体 (§7.5 "4号半角宋体阿拉伯数字"). */
  pageNumber: { name: "宋体", altName: "SimSun", family: "roman" },
} as const satisfies Record<string, HouseFont>;

const LATIN = "Times New Roman";

export function runFont(font: HouseFont): IRunOptions["font"] {
  return { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: font.name, hint: "eastAsia" };
}

/**
 * The font table, replacing the library's (which only lists embedded fonts): each house font with its alternative
 * name and the GB2312 character set (86), so a missing font is substituted by a Chinese one of the same kind.
 */
export function fontTableXml(): string {
  const fonts: Array<{ name: string; altName?: string; family: string; charset: string }> = [
    ...Object.values(FONTS).map((f) => ({
      name: f.name,
      altName: f.altName,
      family: f.family,
      charset: "86",
    })),
    { name: LATIN, family: "roman", charset: "00" },
  ];
  const seen = new Set<string>();
  const entries = fonts
    .filter((f) => !seen.has(f.name) && seen.add(f.name))
    .map(
      (f) =>
        `<w:font w:name="${f.name}">${f.altName === undefined ? "" : `<w:altName w:val="${f.altName}"/>`}` +
        `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries}</w:fonts>`
  );
}

/** Packer overrides that put the house font table in a document. */
export const HOUSE_OVERRIDES = [{ path: "word/fontTable.xml", data: fontTableXml() }];

export const STYLE = {
  title: "KpTitle",
  body: "KpBody",
  heading1: "KpHeading1",
  heading2: "KpHeading2",
  cover: "KpCover",
  coverTitle: "KpCoverTitle",
  table: "KpTable",
  tableHeader: "KpTableHeader",
  pageNumber: "KpPageNumber",
} as const;

const exactLines = (pitch: number) => ({ line: pitch, lineRule: LineRuleType.EXACT });

const paragraphStyles: IParagraphStyleOptions[] = [
  {
    id: STYLE.body,
    name: "Kaoping Body",
    basedOn: "Normal",
    quickFormat: true,
    run: { font: runFont(FONTS.body), size: halfPoints(SIZE.san) },
    // §7.3.3: each paragraph starts two characters in (2 × 16 pt).
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: 2 * SIZE.san * 20 },
      spacing: exactLines(LINE_PITCH),
    },
  },
  {
    id: STYLE.title,
    name: "Kaoping Title",
    basedOn: "Normal",
    next: STYLE.body,
    quickFormat: true,
    run: { font: runFont(FONTS.title), size: halfPoints(SIZE.er) },
    // §7.2.3: the title is centred, one blank line under it; a 2号 title needs a taller line (≈ 35 pt).
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 579 },
    },
  },
  {
    id: STYLE.heading1,
    name: "Kaoping Heading 1",
    basedOn: "Normal",
    next: STYLE.body,
    quickFormat: true,
    run: { font: runFont(FONTS.heading1), size: halfPoints(SIZE.san) },
    paragraph: {
      indent: { firstLine: 2 * SIZE.san * 20 },
      spacing: exactLines(LINE_PITCH),
      keepNext: true,
      outlineLevel: 0,
    },
  },
  {
    id: STYLE.heading2,
    name: "Kaoping Heading 2",
    basedOn: "Normal",
    next: STYLE.body,
    quickFormat: true,
    run: { font: runFont(FONTS.heading2), size: halfPoints(SIZE.san) },
    paragraph: {
      indent: { firstLine: 2 * SIZE.san * 20 },
      spacing: exactLines(LINE_PITCH),
      keepNext: true,
      outlineLevel: 1,
    },
  },
  {
    id: STYLE.cover,
    name: "Kaoping Cover Line",
    basedOn: "Normal",
    run: { font: runFont(FONTS.body), size: halfPoints(SIZE.san) },
    paragraph: { alignment: AlignmentType.CENTER, spacing: exactLines(LINE_PITCH) },
  },
  {
    id: STYLE.coverTitle,
    name: "Kaoping Cover Title",
    basedOn: STYLE.title,
    // The cover's title stands a third of the way down the page.
    paragraph: { spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 3 * 579, after: 4 * 579 } },
  },
  {
    id: STYLE.table,
    name: "Kaoping Table Text",
    basedOn: "Normal",
    run: { font: runFont(FONTS.body), size: halfPoints(SIZE.xiaoSi) },
    paragraph: { spacing: { line: 360, lineRule: LineRuleType.AT_LEAST } },
  },
  {
    id: STYLE.tableHeader,
    name: "Kaoping Table Header",
    basedOn: STYLE.table,
    run: { font: runFont(FONTS.heading1), size: halfPoints(SIZE.xiaoSi) },
    paragraph: { alignment: AlignmentType.CENTER },
  },
  {
    id: STYLE.pageNumber,
    name: "Kaoping Page Number",
    basedOn: "Normal",
    run: { font: runFont(FONTS.pageNumber), size: halfPoints(SIZE.si) },
  },
];

export const HOUSE_STYLES: IStylesOptions = {
  default: {
    document: { run: { font: runFont(FONTS.body), size: halfPoints(SIZE.san) } },
  },
  paragraphStyles,
};

/** The section's page: A4 with the standard's margins. */
export const HOUSE_PAGE = { size: PAGE_SIZE, margin: PAGE_MARGINS };

/**
 * §7.5: page numbers "— 1 —" in 4号 宋体 under the type area: odd pages on the right, even pages on the left, each
 * one character (14 pt) in from the edge. Needs `evenAndOddHeaderAndFooters` on the document.
 */
export function houseFooters(): { default: Footer; even: Footer } {
  const number = (alignment: "left" | "right") =>
    new Paragraph({
      style: STYLE.pageNumber,
      alignment: alignment === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: alignment === "right" ? { right: SIZE.si * 20 } : { left: SIZE.si * 20 },
      children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
    });
  return {
    default: new Footer({ children: [number("right")] }),
    even: new Footer({ children: [number("left")] }),
  };
}

export const title = (text: string): Paragraph => new Paragraph({ style: STYLE.title, text });
export const heading1 = (text: string): Paragraph => new Paragraph({ style: STYLE.heading1, text });
export const heading2 = (text: string): Paragraph => new Paragraph({ style: STYLE.heading2, text });

/** Body paragraphs: one per line of the text (blank lines dropped). */
export function body(text: string, options: { keepNext?: boolean } = {}): Paragraph[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => new Paragraph({ style: STYLE.body, text: line, ...options }));
}

/** The last body paragraphs before the 落款, kept with it so that the signature never stands alone on a page. */
export const closing = (text: string): Paragraph[] => body(text, { keepNext: true });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
export const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

/** A table row in the house table style; widths are fractions of the type area. */
export function tableRow(
  cells: ReadonlyArray<string | ParagraphChild[]>,
  widths: readonly number[],
  options: { header?: boolean; align?: ReadonlyArray<"left" | "center" | "right"> } = {},
): TableRow {
  return new TableRow({
    tableHeader: options.header === true,
    cantSplit: true,
    children: cells.map((cell, i) => {
      const align = options.align?.[i] ?? "left";
      const lines = typeof cell === "string" ? (cell === "" ? [""] : cell.split("\n")) : [cell];
      return new TableCell({
        width: { size: Math.round(TEXT_WIDTH * (widths[i] ?? 0)), type: WidthType.DXA },
        verticalAlign: VerticalAlign.CENTER,
        margins: { left: 80, right: 80, top: 40, bottom: 40 },
        children: lines.map(
          (line) =>
            new Paragraph({
              style: options.header === true ? STYLE.tableHeader : STYLE.table,
              alignment:
                align === "center"
                  ? AlignmentType.CENTER
                  : align === "right"
                    ? AlignmentType.RIGHT
                    : AlignmentType.LEFT,
              children: typeof line === "string" ? [new TextRun(line)] : line,
            }),
        ),
      });
    }),
  });
}

/** A table in the house style: the header row repeats on every page; widths are fractions of the type area. */
export function houseTable(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string>>,
  widths: readonly number[],
  align: ReadonlyArray<"left" | "center" | "right"> = [],
): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round(TEXT_WIDTH * w)),
    borders: TABLE_BORDERS,
    rows: [
      tableRow(header, widths, { header: true, align: header.map(() => "center") }),
      ...rows.map((cells) => tableRow(cells, widths, { align })),
    ],
  });
}

/** §7.3.1 主送机关: flush left under the title, ending with a full-width colon. */
export const addressee = (name: string): Paragraph =>
  new Paragraph({ style: STYLE.body, indent: { firstLine: 0 }, text: `${name}：` });

/**
 * §7.3.5 成文日期: Arabic numerals, the year in full, month and day without leading zeros ("2026年3月1日"), on the
 * calendar of China (UTC+8) whatever the server's time zone.
 */
export function documentDate(at: Date): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}年${part("month")}月${part("day")}日`;
}

/**
 * §7.3.5 落款 without a seal: one blank line under the body, the issuing body's name over the date, both at the
 * right, the date four characters in from the right edge and the name centred over it (approximated by the same
 * right indent plus half the difference of their lengths).
 */
export function signature(organisation: string, date: string): Paragraph[] {
  const em = SIZE.san * 20;
  const nameIndent = 4 * em + Math.max(0, Math.round(((date.length - organisation.length) / 2) * em));
  // Kept with the next line, so the name and the date are never split over two pages.
  const line = (text: string, right: number, keepNext: boolean) =>
    new Paragraph({
      style: STYLE.body,
      alignment: AlignmentType.RIGHT,
      indent: { firstLine: 0, right },
      keepNext,
      text,
    });
  return [line("", 0, true), line(organisation, nameIndent, true), line(date, 4 * em, false)];
}

/** The whole document in the house style: A4, the standard's margins and fonts, page numbers in the footers. */
export function houseDocument(
  children: ReadonlyArray<Paragraph | Table>,
  meta: {
    title: string;
    /** A cover page without a page number (封面, see coverPage); the body then starts at page 1. */
    cover?: readonly Paragraph[];
  },
): Promise<Buffer> {
  const body = {
    properties: { page: { ...HOUSE_PAGE, pageNumbers: { start: 1 } } },
    footers: houseFooters(),
    children: [...children],
  };
  const blank = () => new Footer({ children: [] });
  const cover =
    meta.cover === undefined
      ? []
      : [
          {
            properties: { page: HOUSE_PAGE },
            footers: { default: blank(), even: blank() },
            children: [...meta.cover],
          },
        ];
  const document = new Document({
    title: meta.title,
    creator: "Kaoping",
    styles: HOUSE_STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [...cover, body],
  });
  return Packer.toBuffer(document, false, HOUSE_OVERRIDES);
}

/** A body paragraph with a label in 黑体 before the text, for lines such as "得分率：…". */
export function labelled(label: string, text: string): Paragraph {
  return new Paragraph({
    style: STYLE.body,
    children: [new TextRun({ text: label, font: runFont(FONTS.heading1) }), new TextRun(text)],
  });
}

/** A cover page (封面): the title in 2号 a third of the way down, then each line centred in 3号. */
export function coverPage(titleText: string, lines: readonly string[]): Paragraph[] {
  return [
    new Paragraph({ style: STYLE.coverTitle, text: titleText }),
    ...lines.map((line) => new Paragraph({ style: STYLE.cover, text: line })),
  ];
}
