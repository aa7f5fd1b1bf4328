using System.Text.Json;
using EventContracts.Validation;
using Xunit;

namespace EventContracts.Runtime.Tests;

public class ModelTypesTests
{
    [Fact]
    public void Error_text_shows_the_root_as_root()
    {
        Assert.Equal("(root): required property \"event\" is missing [required]", new ValidationError("", "required", "required property \"event\" is missing").ToString());
        Assert.Equal("/data/price: -1 is less than the minimum 0 [minimum]", new ValidationError("/data/price", "minimum", "-1 is less than the minimum 0").ToString());
    }

    [Fact]
    public void Valid_result_is_one_instance()
    {
        Assert.Same(ValidationResult.Valid, ValidationResult.Valid);
        Assert.True(ValidationResult.Valid.IsValid);
        Assert.Empty(ValidationResult.Valid.Errors);
        Assert.Equal("Valid", ValidationResult.Valid.ToString());
        Assert.True(new ValidationResult(Array.Empty<ValidationError>()).IsValid);
    }

    [Fact]
    public void Invalid_result_lists_its_errors()
    {
        var result = new ValidationResult(new[] { new ValidationError("/a", "type", "m1"), new ValidationError("", "json", "m2") });
        Assert.False(result.IsValid);
        Assert.Equal("Invalid (2 errors)\n  /a: m1 [type]\n  (root): m2 [json]", result.ToString());
    }

    [Fact]
    public void Empty_context_returns_the_cached_valid_result()
    {
        Assert.Same(ValidationResult.Valid, Run.Model((ref c) => true).Result);
        var ctx = default(ValidationContext);
        ctx.PushProperty("x");
        ctx.AddError("k", "m");
        Assert.Equal("/x", Assert.Single(ctx.ToResult().Errors).Path);
        ctx.Dispose();
        ctx.Dispose();
    }

    [Fact]
    public void Descriptor_validates_through_its_validator()
    {
        var examples = new[] { new ContractExample("minimal", "{}") };
        var descriptor = new EventContractDescriptor(
            "Order Completed",
            ContractKind.PlanEvent,
            null,
            typeof(string),
            "tracking-plan.yaml(12,5)",
            examples,
            json => json.Length == 2 ? ValidationResult.Valid : new ValidationResult(new[] { new ValidationError("", "json", "not {}") }));
        Assert.Equal("Order Completed", descriptor.ToString());
        Assert.Equal(ContractKind.PlanEvent, descriptor.Kind);
        Assert.Null(descriptor.Vendor);
        Assert.Equal(typeof(string), descriptor.ModelType);
        Assert.Equal("tracking-plan.yaml(12,5)", descriptor.Source);
        Assert.Equal("minimal", Assert.Single(descriptor.Examples).Name);
        Assert.Equal("{}", descriptor.Examples[0].Json);
        Assert.True(descriptor.Validate("{}"u8).IsValid);
        Assert.False(descriptor.Validate("[1]"u8).IsValid);
        Assert.Equal(0, (int)ContractKind.VendorRequest);
        Assert.Equal(1, (int)ContractKind.VendorResponse);
        Assert.Equal(2, (int)ContractKind.PlanEvent);
    }

    [Fact]
    public void Read_errors_are_json_exceptions_naming_type_and_property()
    {
        JsonException missing = JsonReadErrors.MissingProperty("OrderCompleted", "order_id");
        Assert.Contains("OrderCompleted", missing.Message);
        Assert.Contains("\"order_id\"", missing.Message);
        JsonException token = JsonReadErrors.UnexpectedToken("OrderCompleted", "revenue", JsonTokenType.String);
        Assert.Contains("String", token.Message);
        Assert.Contains("\"revenue\"", token.Message);
        Assert.Equal(
            "\"trak\" is not a value of CourierRequest.TypeKind (CourierRequest.type); its values: \"track\".",
            JsonReadErrors.InvalidEnumValue("CourierRequest.TypeKind", "CourierRequest.type", "\"track\"", "trak").Message);
    }
}
