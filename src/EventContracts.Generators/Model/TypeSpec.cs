namespace EventContracts.Generators.Model;

/// <summary>The C# shape a value maps to.</summary>
internal enum TypeRefKind
{
    String,
    Int64,
    Decimal,
    Boolean,
    Record,
    Enum,
    List,
    Map,
    Json,
}

/// <summary>
/// A C# type reference: a primitive, a generated type (by full name), or a list/map of another
/// reference. <see cref="Nullable"/> means JSON <c>null</c> is an allowed value.
/// </summary>
internal sealed record TypeRef(TypeRefKind Kind, string? Name, TypeRef? Element, bool Nullable)
{
    public static TypeRef Json { get; } = new(TypeRefKind.Json, null, null, false);

    public TypeRef WithNullable(bool nullable) => Nullable == nullable ? this : this with { Nullable = nullable };

    /// <summary>Whether the C# type is a struct (<c>JsonElement</c> included).</summary>
    public bool IsValueType => Kind is TypeRefKind.Int64 or TypeRefKind.Decimal or TypeRefKind.Boolean or TypeRefKind.Enum or TypeRefKind.Json;

    /// <summary>Whether a value can be null at run time: reference types whatever their annotation, structs when nullable.</summary>
    public bool MayBeNull => Nullable || !IsValueType;
}

/// <summary>Whether a generated type is a record (object schema) or an enum (string enum schema).</summary>
internal enum TypeSpecKind
{
    Record,
    Enum,
}

/// <summary>
/// A generated C# type. <see cref="FullName"/> is the name as written from the contract's namespace
/// (<c>CourierRequest.PropertiesObject</c>); nesting follows <see cref="ContainingType"/>.
/// </summary>
internal sealed record TypeSpec(
    string Name,
    string? ContainingType,
    TypeSpecKind Kind,
    int SchemaId,
    string? Description,
    EquatableArray<MemberSpec> Members,
    EquatableArray<EnumMemberSpec> EnumMembers,
    TypeRef? AdditionalProperties,
    string? EventName = null,
    RecordCheck? Check = null)
{
    public string FullName => ContainingType is null ? Name : ContainingType + "." + Name;
}

/// <summary>
/// A property of a generated record. A <paramref name="Loose"/> one is declared only by subschemas that may not apply
/// (an <c>anyOf</c>/<c>oneOf</c> branch that another branch leaves it open in): its value may have any shape, and one
/// that does not fit the member is read into the record's undeclared properties. <paramref name="TracksPresence"/>: an
/// optional member that may hold null and whose name a branch or condition requires (or tests): the record keeps
/// whether it was given, and writes a given null. <paramref name="Keywords"/>: the validation keywords its declaration
/// states, for its XML docs (<c>maxLength</c> and <c>64</c>; an array's item keywords prefixed <c>items </c>).
/// </summary>
internal sealed record MemberSpec(
    string JsonName,
    string CSharpName,
    TypeRef Type,
    bool Required,
    string? DefaultEnumMember,
    string? Description,
    int SchemaId,
    bool Loose = false,
    bool TracksPresence = false,
    EquatableArray<NameValue> Keywords = default);

/// <summary>A member of a generated enum and the wire value it stands for.</summary>
internal sealed record EnumMemberSpec(string WireValue, string CSharpName);
