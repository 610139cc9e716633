/** The XML answers of SNS's query protocol. */

const NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/** `<ActionResponse><ActionResult>inner</ActionResult><ResponseMetadata>…` with `inner` already XML. */
export function successXml(action: string, innerXml: string, requestId: string): string {
  return (
    `<?xml version="1.0"?>\n<${action}Response xmlns="${NAMESPACE}">` +
    `<${action}Result>${innerXml}</${action}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

export function errorXml(type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0"?>\n<ErrorResponse xmlns="${NAMESPACE}">` +
    `<Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

export function element(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}
