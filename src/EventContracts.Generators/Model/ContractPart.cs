using System.Globalization;

namespace EventContracts.Generators.Model;

/// <summary>Which slice of a contract a <see cref="ContractPart"/> is.</summary>
internal enum ContractPartKind
{
    /// <summary>All of a contract: its Types, Serialization and Validation files.</summary>
    WholeContract,

    /// <summary>What a tracking plan's events share: the contract class's declaration, definitions, and schemas reached from two or more events.</summary>
    PlanShared,

    /// <summary>One tracking-plan event: its record, the types nested in it, and the schemas only it reaches.</summary>
    PlanEvent,
}

/// <summary>
/// What one set of generated sources is written from: all of a vendor contract, or one part of a
/// tracking plan (see <see cref="PlanPartitioner"/>). The emitters read nothing else, so a part that
/// compares equal after an edit emits the same text, and the incremental driver can skip it.
/// </summary>
/// <remarks>
/// Schema ids are the part's own: a non-negative id names one of <see cref="Schemas"/> (for a plan
/// part they are renumbered from 0 in file order, so edits to other events do not shift them); a
/// negative id <c>~s</c> names schema <c>s</c> of the plan's shared part, which declares its validator.
/// Validator members of one part carry <see cref="MemberSuffix"/>, so parts never clash in the one
/// partial contract class. <see cref="SizeBounds"/> asks for a size-bound method per record, which
/// typed validation uses for <c>x-ec-max-bytes</c> (see <see cref="RecordCheck"/>).
/// </remarks>
internal sealed record ContractPart(
    string HintName,
    ContractPartKind Kind,
    string ContractName,
    string Namespace,
    string SourceFileName,
    ContractHeader? Header,
    string MemberSuffix,
    EquatableArray<PartSchema> Schemas,
    EquatableArray<TypeSpec> Types,
    EquatableArray<NameValue> EnumSuffixes,
    EquatableArray<EventFacts> Events,
    bool SizeBounds = false)
{
    /// <summary>The static class that holds the contract's constants and schema validators.</summary>
    public string ContractClassName => ContractName + "Contract";

    /// <summary>The part of validator and rule member names that tells schemas apart: <c>3</c>, <c>3_OrderCompleted</c>.</summary>
    public string SchemaToken(int id) => id >= 0
        ? id.ToString(CultureInfo.InvariantCulture) + MemberSuffix
        : (~id).ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of a schema's validator method in the contract class.</summary>
    public string ValidatorName(int id) => "Validate" + SchemaToken(id);

    /// <summary>The name of the enum-mapping members (<c>Encode…</c>, <c>Decode…</c>) of the enum type with this full name.</summary>
    public string EnumSuffix(string enumFullName)
    {
        foreach (var entry in EnumSuffixes)
        {
            if (entry.Name == enumFullName)
            {
                return entry.Value;
            }
        }

        throw new System.InvalidOperationException("No enum " + enumFullName + " in part " + HintName);
    }
}

/// <summary>
/// The declaring part of the contract class: its facts (name, operation), and the entry points that
/// validate a request or response body against its schema (ids in the part's own numbering).
/// </summary>
internal sealed record ContractHeader(
    ContractSourceKind Kind,
    OperationSpec? Operation,
    int RequestSchemaId,
    EquatableArray<ResponseSpec> Responses);

/// <summary>
/// A schema whose validator a part declares, with its sub-schema ids in the part's numbering. A
/// combinator decided by presence bookkeeping keeps the required-name lists of its branches instead
/// of the branch ids (<see cref="SchemaGraph.PresenceBranches"/>); otherwise those lists are empty.
/// </summary>
internal sealed record PartSchema(
    SchemaSpec Schema,
    EquatableArray<EquatableArray<string>> AnyOfPresence,
    EquatableArray<EquatableArray<string>> OneOfPresence);

/// <summary>What an event record says about its event: its wire name and destinations.</summary>
internal sealed record EventFacts(string TypeName, string Name, EquatableArray<string> Destinations);
