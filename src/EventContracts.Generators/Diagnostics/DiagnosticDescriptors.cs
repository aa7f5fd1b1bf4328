using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace EventContracts.Generators.Diagnostics;

/// <summary>Every diagnostic the toolkit reports, in one place. Each ID has a page under docs/diagnostics.</summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/EventContracts/EventContracts/blob/main/docs/diagnostics/";

    private const string ContractCategory = "EventContracts.Contract";
    private const string PropertiesCategory = "EventContracts.Properties";
    private const string EventNameCategory = "EventContracts.EventNames";
    private const string SizeCategory = "EventContracts.PayloadSize";
    private const string DeliveryCategory = "EventContracts.Delivery";

    public static readonly DiagnosticDescriptor SyntaxError = Create(
        "EC1001", "Contract file cannot be parsed", "{0} is not valid YAML or JSON: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnresolvedReference = Create(
        "EC1002", "Unresolved $ref", "$ref '{0}' cannot be resolved: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedKeyword = Create(
        "EC1003", "Unsupported JSON Schema keyword", "Keyword '{0}' at {1} is not supported and is not validated: {2}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor OperationNotFound = Create(
        "EC1004", "Track operation not found", "{0}; operations with a JSON request body: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NameCollision = Create(
        "EC1005", "A JSON name's C# name is taken", "{4} '{1}' maps to the C# name '{2}', which {0}; '{1}' is generated as '{3}'", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidContract = Create(
        "EC1006", "Invalid contract", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidKeywordValue = Create(
        "EC1007", "Invalid keyword value", "Keyword '{0}' at {1} has an invalid value: {2}; the keyword is ignored", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateKey = Create(
        "EC1008", "Duplicate key", "Key '{0}' appears more than once in the same object; the last value is used", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedFormat = Create(
        "EC1009", "Unsupported format", "Format '{0}' at {1} is not validated (supported: date-time, date, email, uri, uuid)", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NestingTooDeep = Create(
        "EC1010", "Schema nested too deeply", "Schema at {0} is nested more than {1} levels deep; deeper levels accept any JSON value", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateContractName = Create(
        "EC1011", "Duplicate contract name", "Contract name '{0}' is used by more than one EventContract or TrackingPlan item ({1}); {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        "EC1012", "C# 11 or newer required", "EventContracts generated code needs C# 11 or newer, but this project uses C# {0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidPlanEvent = Create(
        "EC1013", "Invalid tracking-plan event", "Event {0} in the tracking plan is skipped: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor PlanRuleNotTrack = Create(
        "EC1017", "Plan rule is not a track event", "Rule {0} of the tracking plan describes '{1}' calls, not a track event; it is not generated", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor DuplicateEventName = Create(
        "EC1014", "An event's C# name is taken", "Event '{0}' maps to the C# name '{1}', which {2}; it is generated as '{3}'", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnknownDestination = Create(
        "EC1015", "Unknown destination", "Event '{0}' goes to destination '{1}', {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TypeNameTaken = Create(
        "EC1016", "Generated type name already taken", "Type '{0}' ({1}) of contract '{2}' has the same name as a type of contract '{3}' ({4}); {5}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AmbiguousOperation = Create(
        "EC1018", "Ambiguous operation", "Operation '{0}' names more than one operation in {1} ({2}), but an operationId must be unique; {3} is generated. Select one by method and path instead, for example Operation=\"{4}\"", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NamespaceRewritten = Create(
        "EC1019", "Namespace rewritten", "EventContractsNamespace '{0}' is not a valid C# namespace; the generated code is in namespace '{1}'", DiagnosticSeverity.Warning);

    /// <summary>Reported by the package's build/EventContracts.targets (the generator sees one item per file); kept here for its title, severity and page.</summary>
    public static readonly DiagnosticDescriptor ContractFileListedTwice = Create(
        "EC1020", "Contract file listed twice", "{0} is listed by more than one EventContract item ({1}); the compiler keeps one item per file, so only one would be generated. List the file once with all its operations: Operation=\"{2}\"", DiagnosticSeverity.Error);

    /// <summary>Reported by the package's build/EventContracts.targets, which reads EventContractsVendors; kept here for its title, severity and page.</summary>
    public static readonly DiagnosticDescriptor UnknownBuiltInVendor = Create(
        "EC1021", "Unknown built-in vendor", "EventContractsVendors lists {0}: not a built-in vendor, so nothing is added for it. The built-in vendors are Courier, Userpilot, Tranthor, CustomerIo and PushEngage, separated by ';' (none: no built-in vendor)", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NullableEnumWithoutNull = Create(
        "EC1022", "Nullable schema whose values exclude null", "'nullable: true' at {0} does not allow null: its {1} lists no null, and OpenAPI 3.0.3 makes 'nullable' add null to 'type' only; add null to the {1} if null is meant to be sent", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor UnknownFormat = Create(
        "EC1023", "Unknown format", "Format '{0}' at {1} is not a format JSON Schema or OpenAPI defines, so it is an annotation: nothing is checked for it", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor RequestNotObject = Create(
        "EC1024", "No typed request", "The request body at {0} is {1}: no {2} record is generated, so the contract has no typed request; EventContractCatalog's '{3}' entry validates its JSON", DiagnosticSeverity.Info);

    /// <summary>Reported at the end of a compilation (a build, not the editor's live analysis).</summary>
    public static readonly DiagnosticDescriptor NamespaceGeneratedTwice = new(
        "EC1025",
        "Generated namespace also in a referenced assembly",
        "Namespace '{0}' is generated in this project and in referenced assembly '{1}' (each has {0}.EventContractCatalog): every type both generate clashes (CS0436), and this project uses its own copies; give one of the projects another EventContractsNamespace",
        ContractCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "EC1025.md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PropertyTypeConflict = Create(
        "EC3001", "Property conflicts with the destination's own definition", "Property '{0}' of event '{1}' is {2}, but {3} defines '{0}' in its {4} as {5}{6}", DiagnosticSeverity.Error, PropertiesCategory);

    public static readonly DiagnosticDescriptor PropertyNameNotAllowed = Create(
        "EC3002", "Property name not allowed by the destination", "{0} of event '{1}' cannot be sent to {2}: {3}", DiagnosticSeverity.Error, PropertiesCategory);

    public static readonly DiagnosticDescriptor PropertyValueNotAllowed = Create(
        "EC3003", "Property value not allowed by the destination", "{0} of event '{1}' is {2}, but {3} accepts only {4} in its {5}", DiagnosticSeverity.Error, PropertiesCategory);

    public static readonly DiagnosticDescriptor EnvelopeCollision = Create(
        "EC3004", "Property named like an envelope field", "Property '{0}' of event '{1}' has the name of a top-level field of {2}'s request; it is sent inside '{3}', which readers may confuse with the envelope field", DiagnosticSeverity.Warning, PropertiesCategory);

    public static readonly DiagnosticDescriptor EventNameTooLong = Create(
        "EC2002", "Event name too long for a destination", "Event name '{0}' has {1} characters; {2} accepts at most {3}", DiagnosticSeverity.Error, EventNameCategory);

    public static readonly DiagnosticDescriptor EventNameRejected = Create(
        "EC2003", "Event name not allowed by a destination", "Event name '{0}' does not match {1}'s rule for event names ({2})", DiagnosticSeverity.Error, EventNameCategory);

    public static readonly DiagnosticDescriptor EventNameStyle = Create(
        "EC2005", "Event name does not follow the configured style", "Event name '{0}' is not {1} (eventcontracts.event_name_style); in that style it is '{2}'", DiagnosticSeverity.Warning, EventNameCategory);

    public static readonly DiagnosticDescriptor NondescriptEventName = Create(
        "EC2006", "Nondescript event name", "Event name '{0}' does not say what happened; use a readable object + past-tense action such as 'Video Started' or 'Order Completed'", DiagnosticSeverity.Info, EventNameCategory);

    public static readonly DiagnosticDescriptor PayloadCanExceedLimit = Create(
        "EC4001", "Payload can exceed a destination's size limit", "The properties of event '{0}' can reach {1} bytes, over {2}'s limit of {3} bytes for its {4}; tighten maxLength/maxItems or drop properties for this destination", DiagnosticSeverity.Warning, SizeCategory);

    public static readonly DiagnosticDescriptor PayloadAlwaysOverLimit = Create(
        "EC4002", "Payload always exceeds a destination's size limit", "Even the smallest valid properties of event '{0}' take {1} bytes, over {2}'s limit of {3} bytes for its {4}", DiagnosticSeverity.Error, SizeCategory);

    public static readonly DiagnosticDescriptor PayloadUnbounded = Create(
        "EC4003", "Payload size is unbounded where a destination has a limit", "The properties of event '{0}' have no upper bound on their size ({1}), but {2} accepts at most {3} bytes for its {4}; a large value is rejected at run time", DiagnosticSeverity.Info, SizeCategory);

    public static readonly DiagnosticDescriptor EmptyEventName = Create(
        "EC2001", "Empty event name", "The event name passed to '{0}' is {1}; destinations reject an event without a name", DiagnosticSeverity.Error, EventNameCategory);

    public static readonly DiagnosticDescriptor EventNameWhitespace = Create(
        "EC2007", "Event name starts or ends with whitespace", "Event name '{0}' starts or ends with whitespace; destinations keep names as written, so it is recorded apart from '{1}'", DiagnosticSeverity.Warning, EventNameCategory);

    public static readonly DiagnosticDescriptor UnknownEventName = Create(
        "EC2004", "Event name not in the tracking plan", "Event name '{0}' is not in the tracking plan{1}", DiagnosticSeverity.Warning, EventNameCategory);

    public static readonly DiagnosticDescriptor ConstantPayloadOverLimit = Create(
        "EC4004", "Constant payload exceeds a destination's size limit", "The constant properties of event '{0}' take {1} bytes, over {2}'s limit of {3} bytes for its {4}", DiagnosticSeverity.Error, SizeCategory);

    public static readonly DiagnosticDescriptor MissingUserId = Create(
        "EC5001", "Missing required user identifier", "The user id passed to '{0}' is {1}, but event '{2}' needs a user identifier for {3}", DiagnosticSeverity.Warning, DeliveryCategory);

    public static readonly DiagnosticDescriptor ConstantMessageId = Create(
        "EC5002", "Constant message id", "'{0}' is always {1}: {2} uses the message id to detect duplicates, so every event after the first is treated as a repeat; use a new id per event and keep it across retries", DiagnosticSeverity.Warning, DeliveryCategory);

    public static readonly DiagnosticDescriptor NotInCodeList = Create(
        "EC3005", "Value is not a valid code for a reserved property", "Property '{0}' of event '{1}' can be '{2}', which is not an {3} code; {4} expects one in its {5}", DiagnosticSeverity.Error, PropertiesCategory);

    /// <summary>EC3005 at a tracking call: the constant it writes for a property whose destination takes a code list.</summary>
    public static readonly DiagnosticDescriptor CallSiteNotInCodeList = Create(
        "EC3005", "Value is not a valid code for a reserved property", "Property '{0}' of event '{1}' is '{2}', which is not an {3} code; {4} expects one in its {5}", DiagnosticSeverity.Error, PropertiesCategory);

    /// <summary>EC3005 on a generated record: a constant its initializer gives a property whose schema takes a code list.</summary>
    public static readonly DiagnosticDescriptor RecordNotInCodeList = Create(
        "EC3005", "Value is not a valid code for a reserved property", "Property '{0}' of record '{1}' is '{2}', which is not an {3} code; {4} expects one", DiagnosticSeverity.Error, PropertiesCategory);

    public static readonly DiagnosticDescriptor OpenValueTypeConflict = Create(
        "EC3006", "Undeclared properties can take a destination's property name with the wrong type", "{0} of event '{1}' is {2}, so '{3}' can be sent as {2}, but {4} defines '{3}' in its {5} as {6}{7}", DiagnosticSeverity.Warning, PropertiesCategory);

    public static readonly DiagnosticDescriptor PlanPropertyMismatch = Create(
        "EC3007", "Property does not match the tracking plan", "{0} of event '{1}' does not match the tracking plan: {2}", DiagnosticSeverity.Warning, PropertiesCategory);

    /// <summary>EC3007 on the record of an object in a plan event (a nested object's, or a definition's several events may share): it names the record.</summary>
    public static readonly DiagnosticDescriptor PlanRecordPropertyMismatch = Create(
        "EC3007", "Property does not match the tracking plan", "{0} of record '{1}' does not match the tracking plan: {2}", DiagnosticSeverity.Warning, PropertiesCategory);

    /// <summary>EC3009: a constant a generated vendor request record (or an object's record in it) gets and its contract refuses.</summary>
    public static readonly DiagnosticDescriptor ContractRecordPropertyMismatch = Create(
        "EC3009", "Property does not match the vendor contract", "{0} of record '{1}' does not match the {2} contract: {3}", DiagnosticSeverity.Warning, PropertiesCategory);

    public static readonly DiagnosticDescriptor MissingRequiredProperty = Create(
        "EC3008", "Required property missing at a tracking call", "Event '{0}' requires {1}, which this call does not write", DiagnosticSeverity.Warning, PropertiesCategory);

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new()
    {
        [PlanPropertyMismatch.Id] = PlanPropertyMismatch,
        [MissingRequiredProperty.Id] = MissingRequiredProperty,
        [ContractRecordPropertyMismatch.Id] = ContractRecordPropertyMismatch,
        [NotInCodeList.Id] = NotInCodeList,
        [OpenValueTypeConflict.Id] = OpenValueTypeConflict,
        [EmptyEventName.Id] = EmptyEventName,
        [UnknownEventName.Id] = UnknownEventName,
        [ConstantPayloadOverLimit.Id] = ConstantPayloadOverLimit,
        [MissingUserId.Id] = MissingUserId,
        [ConstantMessageId.Id] = ConstantMessageId,
        [PayloadCanExceedLimit.Id] = PayloadCanExceedLimit,
        [PayloadAlwaysOverLimit.Id] = PayloadAlwaysOverLimit,
        [PayloadUnbounded.Id] = PayloadUnbounded,
        [EventNameTooLong.Id] = EventNameTooLong,
        [EventNameRejected.Id] = EventNameRejected,
        [EventNameStyle.Id] = EventNameStyle,
        [NondescriptEventName.Id] = NondescriptEventName,
        [EventNameWhitespace.Id] = EventNameWhitespace,
        [UnknownDestination.Id] = UnknownDestination,
        [PropertyTypeConflict.Id] = PropertyTypeConflict,
        [PropertyNameNotAllowed.Id] = PropertyNameNotAllowed,
        [PropertyValueNotAllowed.Id] = PropertyValueNotAllowed,
        [EnvelopeCollision.Id] = EnvelopeCollision,
        [InvalidPlanEvent.Id] = InvalidPlanEvent,
        [DuplicateEventName.Id] = DuplicateEventName,
        [PlanRuleNotTrack.Id] = PlanRuleNotTrack,
        [SyntaxError.Id] = SyntaxError,
        [UnresolvedReference.Id] = UnresolvedReference,
        [UnsupportedKeyword.Id] = UnsupportedKeyword,
        [OperationNotFound.Id] = OperationNotFound,
        [NameCollision.Id] = NameCollision,
        [InvalidContract.Id] = InvalidContract,
        [InvalidKeywordValue.Id] = InvalidKeywordValue,
        [DuplicateKey.Id] = DuplicateKey,
        [UnsupportedFormat.Id] = UnsupportedFormat,
        [NestingTooDeep.Id] = NestingTooDeep,
        [DuplicateContractName.Id] = DuplicateContractName,
        [LanguageVersionTooLow.Id] = LanguageVersionTooLow,
        [TypeNameTaken.Id] = TypeNameTaken,
        [AmbiguousOperation.Id] = AmbiguousOperation,
        [NamespaceRewritten.Id] = NamespaceRewritten,
        [ContractFileListedTwice.Id] = ContractFileListedTwice,
        [UnknownBuiltInVendor.Id] = UnknownBuiltInVendor,
        [NullableEnumWithoutNull.Id] = NullableEnumWithoutNull,
        [UnknownFormat.Id] = UnknownFormat,
        [RequestNotObject.Id] = RequestNotObject,
        [NamespaceGeneratedTwice.Id] = NamespaceGeneratedTwice,
    };

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string category = ContractCategory)
        => new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
