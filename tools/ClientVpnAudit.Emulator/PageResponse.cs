using System.Buffers;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// Streams a successful Describe response: <c>&lt;{Action}Response&gt;</c> with requestId, the list wrapper holding the
/// page's items, and nextToken unless this is the last page.
/// </summary>
internal static class PageResponse
{
    // Flush to the socket every so many items so a 1000-item page never sits whole in memory.
    private const int ItemsPerFlush = 200;

    public static async Task WriteAsync<T>(HttpResponse response, string action, string listName, string requestId,
        Page<T> page, Action<Ec2XmlWriter, T> writeItem, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/xml;charset=UTF-8";
        var pipe = response.BodyWriter;
        pipe.Write(Encoding.UTF8.GetBytes(Ec2XmlWriter.Declaration));
        using (var x = new Ec2XmlWriter(XmlWriter.Create(new PipeWriterStream(pipe), Ec2XmlWriter.Settings)))
        {
            x.Start(action + "Response");
            x.Text("requestId", requestId);
            if (page.Count > 0)
            {
                x.Start(listName);
                for (var i = 0; i < page.Count; i++)
                {
                    writeItem(x, page.Items[page.Start + i]);
                    if ((i + 1) % ItemsPerFlush == 0)
                    {
                        x.Xml.Flush();
                        await pipe.FlushAsync(cancellationToken);
                    }
                }
                x.End();
            }
            else if (page.EmptyForm == EmptyPageForm.SelfClosing)
            {
                x.Empty(listName);
            }
            x.Text("nextToken", page.NextToken);
            x.End();
        }
        await pipe.FlushAsync(cancellationToken);
    }
}
