using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace EventContracts.Emulator;

/// <summary>
/// The inspection endpoints: <c>GET /_emulator/events[?vendor=courier]</c> (JSON), <c>DELETE /_emulator/events</c>
/// (reset), and <c>GET /_emulator</c> (an HTML page with counts, outages and recent events; everything HTML-encoded).
/// </summary>
internal static class Dashboard
{
    public const int RecentOnPage = 50;
    private const int BodyCharsOnPage = 2000;

    public static async Task ListEventsAsync(HttpContext context, EmulatorState state)
    {
        string? vendor = context.Request.Query["vendor"];
        if (!string.IsNullOrEmpty(vendor) && VendorInfo.FindByName(vendor) is null)
        {
            await Responses.JsonAsync(context, StatusCodes.Status400BadRequest, w =>
            {
                w.WriteStartObject();
                w.WriteString("error"u8, "unknown vendor; expected one of courier, userpilot, tranthor, customerio, pushengage");
                w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<RecordedEvent> events = state.Events.Snapshot(string.IsNullOrEmpty(vendor) ? null : vendor);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Responses.JsonContentType;
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, Responses.WriterOptions))
        {
            writer.WriteStartArray();
            int sinceFlush = 0;
            foreach (RecordedEvent e in events)
            {
                writer.WriteStartObject();
                writer.WriteNumber("sequence"u8, e.Sequence);
                writer.WriteString("vendor"u8, e.Vendor);
                if (e.MessageId is null)
                {
                    writer.WriteNull("messageId"u8);
                }
                else
                {
                    writer.WriteString("messageId"u8, e.MessageId);
                }

                writer.WriteString("receivedAt"u8, e.ReceivedAt);
                writer.WriteString("path"u8, e.Path);
                writer.WriteStartObject("headers"u8);
                foreach (KeyValuePair<string, string> header in e.Headers)
                {
                    writer.WriteString(header.Key, header.Value);
                }

                writer.WriteEndObject();
                writer.WritePropertyName("body"u8);
                writer.WriteRawValue(e.Body.Span, skipInputValidation: true);
                writer.WriteEndObject();
                if (++sinceFlush == 256)
                {
                    sinceFlush = 0;
                    await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static Task ClearEventsAsync(HttpContext context, EmulatorState state)
    {
        state.Reset();
        return Responses.EmptyAsync(context, StatusCodes.Status204NoContent);
    }

    public static async Task PageAsync(HttpContext context, EmulatorState state)
    {
        HtmlEncoder html = HtmlEncoder.Default;
        var page = new StringBuilder(16 * 1024);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>EventContracts emulator</title>")
            .Append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}pre{margin:0;white-space:pre-wrap;word-break:break-all;max-width:70em}</style>")
            .Append("</head><body>\n<h1>EventContracts vendor emulator</h1>\n");

        page.Append("<h2>Counts</h2>\n<table><tr><th>vendor</th><th>stored</th><th>accepted</th><th>refused</th><th>duplicates</th><th>faults</th></tr>\n");
        foreach (VendorCounts counts in state.Events.Counts())
        {
            page.Append("<tr><td>").Append(html.Encode(counts.Vendor))
                .Append("</td><td>").Append(counts.Stored.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(counts.Accepted.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(counts.Rejected.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(counts.Duplicates.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(counts.Faults.ToString(CultureInfo.InvariantCulture))
                .Append("</td></tr>\n");
        }

        page.Append("</table>\n<p>")
            .Append(state.Events.Count.ToString(CultureInfo.InvariantCulture)).Append(" of at most ")
            .Append(state.Events.Capacity.ToString(CultureInfo.InvariantCulture))
            .Append(" events stored. JSON: <a href=\"/_emulator/events\">/_emulator/events</a> (<code>?vendor=courier</code>); <code>DELETE /_emulator/events</code> clears.</p>\n");

        AppendOutages(page, state.Outages.Current());

        IReadOnlyList<RecordedEvent> recent = state.Events.Newest(RecentOnPage);
        page.Append("<h2>Recent events (newest first, at most ").Append(RecentOnPage.ToString(CultureInfo.InvariantCulture)).Append(")</h2>\n");
        page.Append("<table><tr><th>#</th><th>vendor</th><th>messageId</th><th>received</th><th>path</th><th>body</th></tr>\n");
        foreach (RecordedEvent e in recent)
        {
            string body = e.BodyText;
            if (body.Length > BodyCharsOnPage)
            {
                body = body.Substring(0, BodyCharsOnPage) + "\u2026";
            }

            page.Append("<tr><td>").Append(e.Sequence.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(html.Encode(e.Vendor))
                .Append("</td><td>").Append(html.Encode(e.MessageId ?? ""))
                .Append("</td><td>").Append(html.Encode(e.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC"))
                .Append("</td><td>").Append(html.Encode(e.Path))
                .Append("</td><td><pre>").Append(html.Encode(body))
                .Append("</pre></td></tr>\n");
        }

        page.Append("</table>\n</body></html>\n");

        byte[] bytes = Encoding.UTF8.GetBytes(page.ToString());
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static void AppendOutages(StringBuilder page, IReadOnlyList<OutageState> outages)
    {
        page.Append("<h2>Outages</h2>\n");
        if (outages.Count == 0)
        {
            page.Append("<p>None: every endpoint answers. ");
        }
        else
        {
            page.Append("<table><tr><th>vendor</th><th>down until</th><th>remaining</th><th>calls refused (503)</th></tr>\n");
            foreach (OutageState outage in outages)
            {
                page.Append("<tr><td>").Append(HtmlEncoder.Default.Encode(outage.Vendor.Id))
                    .Append("</td><td>").Append(outage.Until.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(" UTC")
                    .Append("</td><td>").Append(outage.Remaining.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s")
                    .Append("</td><td>").Append(outage.Refused.ToString(CultureInfo.InvariantCulture))
                    .Append("</td></tr>\n");
            }

            page.Append("</table>\n<p>");
        }

        page.Append("<code>POST /_emulator/outage?vendor=courier&amp;seconds=30</code> takes an endpoint down (without <code>vendor</code>: every one); <code>DELETE /_emulator/outage</code> ends it early.</p>\n");
    }
}
