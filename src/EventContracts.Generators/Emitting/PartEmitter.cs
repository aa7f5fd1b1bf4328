using System.Text;
using EventContracts.Generators.Model;

namespace EventContracts.Generators.Emitting;

/// <summary>
/// Emits one part of a tracking plan (<see cref="PlanPartitioner"/>) as one file: its types, then
/// their serializers, then its validators, each written by the emitter a vendor contract's own file
/// comes from.
/// </summary>
internal static class PartEmitter
{
    public static string HintName(ContractPart part) => part.HintName + ".g.cs";

    public static string Emit(ContractPart part)
    {
        var file = SourceWriter.File(part.Namespace).ToString();
        var text = new StringBuilder(file);
        bool first = true;
        foreach (var section in new[] { Section(RecordEmitter.Write, part), Section(SerializerEmitter.Write, part), Section(ValidatorEmitter.Write, part) })
        {
            if (section.Length == 0)
            {
                continue;
            }

            if (!first)
            {
                text.Append('\n');
            }

            first = false;
            text.Append(section);
        }

        return text.ToString();
    }

    /// <summary>One emitter's text without the blank lines it starts with (it expects to follow other code).</summary>
    private static string Section(System.Action<SourceWriter, ContractPart> write, ContractPart part)
    {
        var writer = new SourceWriter();
        write(writer, part);
        string text = writer.ToString();
        int start = 0;
        while (start < text.Length && text[start] == '\n')
        {
            start++;
        }

        return start == 0 ? text : text.Substring(start);
    }
}
