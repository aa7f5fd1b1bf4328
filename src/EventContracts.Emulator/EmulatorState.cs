using System;
using System.Threading;
using EventContracts.Emulator.Contracts;

namespace EventContracts.Emulator;

/// <summary>Everything the endpoints share: options, clock, event log, de-duplication registries, fault dice, outages, contracts.</summary>
internal sealed class EmulatorState
{
    private FaultInjector _faults;

    public EmulatorState(EmulatorOptions options)
    {
        Options = options;
        Time = options.TimeProvider ?? TimeProvider.System;
        Events = new EventLog(options.MaxEvents);
        _faults = new FaultInjector(options.Faults);
        Outages = new OutageSwitch(Time);

        // x-ec-dedupe of each contract: Courier rejected-409 (no window), Tranthor idempotent (no window),
        // Customer.io ignored within PT12H of receipt.
        CourierIds = new MessageIdRegistry(null, options.MaxRememberedMessageIds);
        TranthorIds = new MessageIdRegistry(null, options.MaxRememberedMessageIds);
        CustomerIoIds = new MessageIdRegistry(CustomerIoDedupeWindow, options.MaxRememberedMessageIds);

        Courier = Contract("Courier");
        Userpilot = Contract("Userpilot");
        Tranthor = Contract("Tranthor");
        CustomerIo = Contract("CustomerIo");
        PushEngage = Contract("PushEngage");
    }

    /// <summary>Customer.io's documented de-duplication window (<c>x-ec-dedupe.window: PT12H</c>).</summary>
    public static TimeSpan CustomerIoDedupeWindow { get; } = TimeSpan.FromHours(12);

    public EmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public EventLog Events { get; }

    /// <summary>The fault dice in force; <see cref="ReplaceFaults"/> swaps them while calls are being answered.</summary>
    public FaultInjector Faults => Volatile.Read(ref _faults);

    public OutageSwitch Outages { get; }

    /// <summary>Makes the calls from now on meet <paramref name="faults"/> (validated by the caller).</summary>
    public void ReplaceFaults(FaultOptions faults) => Volatile.Write(ref _faults, new FaultInjector(faults));

    public MessageIdRegistry CourierIds { get; }

    public MessageIdRegistry TranthorIds { get; }

    public MessageIdRegistry CustomerIoIds { get; }

    public EventContractDescriptor Courier { get; }

    public EventContractDescriptor Userpilot { get; }

    public EventContractDescriptor Tranthor { get; }

    public EventContractDescriptor CustomerIo { get; }

    public EventContractDescriptor PushEngage { get; }

    /// <summary>Forgets every event, counter and remembered <c>messageId</c>.</summary>
    public void Reset()
    {
        Events.Clear();
        CourierIds.Clear();
        TranthorIds.Clear();
        CustomerIoIds.Clear();
    }

    private static EventContractDescriptor Contract(string name)
        => EventContractCatalog.Find(name)
           ?? throw new InvalidOperationException("The generated EventContractCatalog has no contract " + name + "; check EventContractsVendors.");
}
