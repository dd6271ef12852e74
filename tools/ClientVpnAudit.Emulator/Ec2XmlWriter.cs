using System.Text;
using System.Xml;

namespace ClientVpnAudit.Emulator;

/// <summary>Writes elements in the EC2 namespace; every text element gets a full end tag (<c>&lt;x&gt;&lt;/x&gt;</c>), as EC2 writes them.</summary>
internal sealed class Ec2XmlWriter(XmlWriter xml) : IDisposable
{
    public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    public static XmlWriterSettings Settings { get; } = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        CloseOutput = false,
        // PageResponse writes the declaration itself: XmlWriter would spell the encoding "utf-8", EC2 writes "UTF-8".
        OmitXmlDeclaration = true,
        CheckCharacters = false,
    };

    public XmlWriter Xml => xml;

    public void Start(string name) => xml.WriteStartElement(null, name, Namespace);

    public void End() => xml.WriteEndElement();

    /// <summary><c>&lt;name/&gt;</c></summary>
    public void Empty(string name)
    {
        Start(name);
        End();
    }

    /// <summary><c>&lt;name&gt;value&lt;/name&gt;</c>; nothing when value is null. Whitespace-only values are written empty.</summary>
    public void Text(string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        Start(name);
        if (!string.IsNullOrWhiteSpace(value))
        {
            xml.WriteString(value);
        }
        xml.WriteFullEndElement();
    }

    public void Dispose() => xml.Dispose();
}
