/**
 * Fills an organisation's .docx template (docxtemplater placeholders) with a document's model. The template was
 * checked against the kind's sample at upload, so a model of the same shape fills every placeholder.
 */
import Docxtemplater from "docxtemplater";
import PizZip from "pizzip";

/** docxtemplater's options shared by the check at upload and the fill: loops may span whole paragraphs. */
export const TEMPLATE_OPTIONS = { paragraphLoop: true, linebreaks: true } as const;

export function fillTemplate(template: Buffer, model: object): Buffer {
  const doc = new Docxtemplater(new PizZip(template), {
    ...TEMPLATE_OPTIONS,
    errorLogging: false,
    nullGetter: () => "",
  });
  doc.render(model);
  return doc.toBuffer({ compression: "DEFLATE" });
}
