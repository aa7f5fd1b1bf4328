using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using EventContracts.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace EventContracts.Generators.Tests;

/// <summary>
/// What an IDE sees: one driver kept across a seeded walk of edits (a plan's events moved, copied, deleted, renamed and
/// changed, comments and blank lines shifting the events below them, line ends flipped, a plan broken and mended,
/// vendor contracts edited, a contract added and removed, its vendor renamed, the language version changed) must give,
/// after every edit, the sources and diagnostics (locations included) of a new driver given the same inputs. The
/// pipeline's caches (plan chunks reused where they moved, specs compared by reference once read) are where a stale
/// output would hide.
/// </summary>
/// <remarks>
/// CI walks <see cref="DefaultWalks"/> walks of <see cref="DefaultSteps"/> edits. For a long run:
/// <c>EVENTCONTRACTS_INCREMENTAL_WALKS=40 dotnet test tests/EventContracts.Generators.Tests --filter FullyQualifiedName~IncrementalEquivalenceTests</c>.
/// A failure names the walk's seed and the edits up to it.
/// </remarks>
public sealed class IncrementalEquivalenceTests
{
    private const int DefaultWalks = 3;

    private const int DefaultSteps = 30;

    private const string PlanPath = "/app/tracking-plan.yaml";

    private const string ExtraPath = "/app/contracts/extra.yaml";

    private static readonly Regex s_eventStart = new(@"^  - name: (?<name>.+)$", RegexOptions.CultureInvariant);

    private static readonly Regex s_number = new(@"(?<=(?:maxLength|minLength|maximum|minimum|maxItems|minItems): )\d+", RegexOptions.CultureInvariant);

    private static readonly string[] s_vendors = { "Courier", "Userpilot", "Tranthor", "CustomerIo", "PushEngage", "Extra", "Nowhere" };

    private const string Extra = """
        openapi: 3.0.3
        info: { title: Extra, version: "1" }
        paths:
          /track:
            post:
              operationId: track
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [event, user_id]
                      properties:
                        event: { type: string, maxLength: 40 }
                        user_id: { type: string }
                        properties: { type: object, additionalProperties: { type: [string, number, boolean] } }
              responses:
                "200": { description: ok }
        """;

    [Fact]
    public void A_driver_kept_across_edits_gives_what_a_new_driver_gives()
    {
        int walks = Setting("EVENTCONTRACTS_INCREMENTAL_WALKS", DefaultWalks);
        int steps = Setting("EVENTCONTRACTS_INCREMENTAL_STEPS", DefaultSteps);
        var failures = new List<string>();
        for (int walk = 0; walk < walks && failures.Count == 0; walk++)
        {
            Walk(20261207 + walk, steps, failures);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void Walk(int seed, int steps, List<string> failures)
    {
        var random = new Random(seed);
        var state = new WalkState();
        var compilation = GeneratorHarness.CreateCompilation();
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var (texts, options) = state.Inputs();
        GeneratorDriver driver = CreateDriver(texts, options, parseOptions).RunGenerators(compilation);
        var applied = new List<string>();
        for (int step = 0; step < steps; step++)
        {
            string edit = state.Edit(random, ref parseOptions);
            applied.Add(edit);
            var (newTexts, newOptions) = state.Inputs();
            (driver, texts) = Update(driver, texts, newTexts);
            if (state.TakeOptionsChange())
            {
                driver = driver.WithUpdatedAnalyzerConfigOptions(newOptions);
            }

            driver = driver.WithUpdatedParseOptions(parseOptions).RunGenerators(compilation);

            string kept = Describe(driver.GetRunResult());
            string fresh = Describe(CreateDriver(texts, newOptions, parseOptions).RunGenerators(compilation).GetRunResult());
            if (kept != fresh)
            {
                failures.Add("walk " + seed.ToString(CultureInfo.InvariantCulture) + ", after " + string.Join(" | ", applied) + ":" + Environment.NewLine + FirstDifference(kept, fresh));
                return;
            }
        }
    }

    private static GeneratorDriver CreateDriver(ImmutableArray<AdditionalText> texts, AnalyzerConfigOptionsProvider options, CSharpParseOptions parseOptions)
        => CSharpGeneratorDriver.Create(
            new[] { new EventContractGenerator().AsSourceGenerator() },
            texts,
            parseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>
    /// Replaces the texts that changed, adds and removes the others, as a workspace updates its driver; returns the texts
    /// the driver now holds (an unchanged file keeps its object).
    /// </summary>
    private static (GeneratorDriver Driver, ImmutableArray<AdditionalText> Texts) Update(GeneratorDriver driver, ImmutableArray<AdditionalText> before, ImmutableArray<AdditionalText> after)
    {
        var old = before.ToDictionary(t => t.Path, StringComparer.Ordinal);
        var now = after.ToDictionary(t => t.Path, StringComparer.Ordinal);
        driver = driver.RemoveAdditionalTexts(before.Where(t => !now.ContainsKey(t.Path)).ToImmutableArray());
        var held = ImmutableArray.CreateBuilder<AdditionalText>();
        foreach (var text in after)
        {
            if (!old.TryGetValue(text.Path, out var previous))
            {
                driver = driver.AddAdditionalTexts(ImmutableArray.Create(text));
                held.Add(text);
            }
            else if (previous.GetText()!.ToString() != text.GetText()!.ToString())
            {
                driver = driver.ReplaceAdditionalText(previous, text);
                held.Add(text);
            }
            else
            {
                held.Add(previous);
            }
        }

        return (driver, held.ToImmutable());
    }

    /// <summary>Every generated source (name and text) and every diagnostic (id, severity, message, file and span), in a fixed order.</summary>
    private static string Describe(GeneratorDriverRunResult run)
    {
        var result = run.Results.Single();
        Assert.Null(result.Exception);
        var lines = result.GeneratedSources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => "source " + s.HintName + Environment.NewLine + s.SourceText)
            .Concat(result.Diagnostics
                .Select(d => "diagnostic " + d.Id + " " + d.Severity + " " + d.Location.GetLineSpan() + " " + d.Location.SourceSpan + " " + d.GetMessage(CultureInfo.InvariantCulture))
                .OrderBy(d => d, StringComparer.Ordinal));
        return string.Join(Environment.NewLine, lines);
    }

    private static string FirstDifference(string kept, string fresh)
    {
        string[] a = kept.Split('\n');
        string[] b = fresh.Split('\n');
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return "line " + (i + 1).ToString(CultureInfo.InvariantCulture) + ": kept driver '" + (i < a.Length ? a[i].TrimEnd() : "(end)") + "', new driver '" + (i < b.Length ? b[i].TrimEnd() : "(end)") + "'";
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;

    /// <summary>The inputs of a walk and the edits that change them.</summary>
    private sealed class WalkState
    {
        private readonly List<TestFile> _vendors = GeneratorHarness.BuiltInVendors.ToList();

        private string _plan = MutationFuzzTests.Plan.Replace("\r\n", "\n", StringComparison.Ordinal);

        private bool _extra;

        private string _extraVendor = "Extra";

        private int _counter;

        private bool _optionsChanged;

        /// <summary>Whether an item's metadata changed since the last call (a workspace gives the driver new options only then).</summary>
        public bool TakeOptionsChange()
        {
            bool changed = _optionsChanged;
            _optionsChanged = false;
            return changed;
        }

        public (ImmutableArray<AdditionalText> Texts, AnalyzerConfigOptionsProvider Options) Inputs()
        {
            var files = _vendors.Append(new TestFile(PlanPath, _plan, "TrackingPlan")).ToList();
            if (_extra)
            {
                files.Add(new TestFile(ExtraPath, Extra, "EventContract", _extraVendor, "track"));
            }

            var metadata = files.ToDictionary(f => f.Path, f => new ItemMetadata(f.Kind, f.Vendor, f.Operation, f.EventNameStyle, f.BuiltIn), StringComparer.Ordinal);
            return (files.Select(GeneratorHarness.ToAdditionalText).ToImmutableArray(), new ItemMetadataOptionsProvider(metadata, GeneratorHarness.Namespace));
        }

        public string Edit(Random random, ref CSharpParseOptions parseOptions)
        {
            _counter++;
            int kind = random.Next(100);
            if (kind < 55)
            {
                return EditEvents(random);
            }

            if (kind < 70)
            {
                var applied = new List<string>();
                _plan = Mutator.Apply(_plan, random, applied);
                return "plan: " + string.Join(", ", applied);
            }

            if (kind < 75)
            {
                _plan = MutationFuzzTests.Plan.Replace("\r\n", "\n", StringComparison.Ordinal);
                return "plan restored";
            }

            if (kind < 85)
            {
                int which = random.Next(_vendors.Count);
                var vendor = _vendors[which];
                var original = GeneratorHarness.BuiltInVendors[which];
                string text = random.Next(3) == 0 ? original.Text : ChangeNumber(vendor.Text, random);
                _vendors[which] = vendor with { Text = text };
                return vendor.Vendor + (text == original.Text ? " restored" : " edited");
            }

            if (kind < 92)
            {
                _extra = !_extra;
                _optionsChanged = true;
                return _extra ? "extra contract added" : "extra contract removed";
            }

            if (kind < 96)
            {
                _extraVendor = _extraVendor == "Extra" ? "Additional" : "Extra";
                _optionsChanged = true;
                return "extra contract's vendor is " + _extraVendor;
            }

            var version = parseOptions.LanguageVersion == LanguageVersion.CSharp12 ? LanguageVersion.CSharp10 : LanguageVersion.CSharp12;
            parseOptions = parseOptions.WithLanguageVersion(version);
            return "C# " + version.ToDisplayString();
        }

        /// <summary>An edit a person makes to a plan's events: most leave the plan valid, so its chunks are reused.</summary>
        private string EditEvents(Random random)
        {
            bool crlf = _plan.Contains("\r\n", StringComparison.Ordinal);
            var lines = _plan.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
            var starts = Enumerable.Range(0, lines.Count).Where(i => s_eventStart.IsMatch(lines[i])).ToList();
            int end = lines.FindIndex(l => l.StartsWith("definitions:", StringComparison.Ordinal));
            if (end < 0)
            {
                end = lines.Count;
            }

            starts = starts.Where(s => s < end).ToList();
            if (starts.Count == 0)
            {
                _plan = MutationFuzzTests.Plan.Replace("\r\n", "\n", StringComparison.Ordinal);
                return "plan restored (no events)";
            }

            int pick = random.Next(starts.Count);
            int from = starts[pick];
            int to = pick + 1 < starts.Count ? starts[pick + 1] : end;
            var block = lines.GetRange(from, to - from);
            string name = s_eventStart.Match(lines[from]).Groups["name"].Value;
            string counter = _counter.ToString(CultureInfo.InvariantCulture);
            string edit;
            switch (random.Next(9))
            {
                case 0:
                    lines.RemoveRange(from, to - from);
                    edit = "delete " + name;
                    break;
                case 1:
                    var copy = block.ToList();
                    copy[0] = "  - name: " + name + " " + counter;
                    lines.InsertRange(to, copy);
                    edit = "copy " + name;
                    break;
                case 2:
                    lines.RemoveRange(from, to - from);
                    int target = starts.Count > 1 ? starts[random.Next(starts.Count - 1)] : from;
                    lines.InsertRange(Math.Min(target, lines.Count), block);
                    edit = "move " + name;
                    break;
                case 3:
                    lines[from] = "  - name: " + (random.Next(2) == 0 ? name + " Renamed" : name.ToUpperInvariant());
                    edit = "rename " + name;
                    break;
                case 4:
                    int at = random.Next(lines.Count + 1);
                    lines.Insert(at, random.Next(2) == 0 ? string.Empty : "# note " + counter);
                    edit = "blank line or comment at line " + (at + 1).ToString(CultureInfo.InvariantCulture);
                    break;
                case 5:
                    int destinations = block.FindIndex(l => l.TrimStart().StartsWith("destinations:", StringComparison.Ordinal));
                    if (destinations < 0)
                    {
                        return "no destinations in " + name;
                    }

                    string chosen = string.Join(", ", s_vendors.Where(_ => random.Next(3) == 0));
                    lines[from + destinations] = "    destinations: [" + chosen + "]";
                    edit = name + " goes to [" + chosen + "]";
                    break;
                case 6:
                    int properties = block.FindLastIndex(l => l.StartsWith("      properties:", StringComparison.Ordinal));
                    if (properties < 0)
                    {
                        return "no properties in " + name;
                    }

                    lines.Insert(from + properties + 1, "        note_" + counter + ": { type: string, maxLength: " + random.Next(1, 300).ToString(CultureInfo.InvariantCulture) + " }");
                    edit = "property added to " + name;
                    break;
                case 7:
                    string changed = ChangeNumber(string.Join("\n", block), random);
                    lines.RemoveRange(from, to - from);
                    lines.InsertRange(from, changed.Split('\n'));
                    edit = "number changed in " + name;
                    break;
                default:
                    _plan = _plan.Contains('\r', StringComparison.Ordinal) ? _plan.Replace("\r\n", "\n", StringComparison.Ordinal) : _plan.Replace("\n", "\r\n", StringComparison.Ordinal);
                    return "line ends flipped";
            }

            _plan = string.Join(crlf ? "\r\n" : "\n", lines);
            return edit;
        }

        private static string ChangeNumber(string text, Random random)
        {
            var matches = s_number.Matches(text);
            if (matches.Count == 0)
            {
                return text;
            }

            var match = matches[random.Next(matches.Count)];
            return text.Substring(0, match.Index) + random.Next(0, 5000).ToString(CultureInfo.InvariantCulture) + text.Substring(match.Index + match.Length);
        }
    }
}
