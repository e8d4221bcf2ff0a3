using ClipAudit.Notebooks;

namespace ClipAudit.Tests.Notebooks;

public sealed class NotebookHtmlTests
{
    [Theory]
    [InlineData(3.2e-38, "3.2E-38")]
    [InlineData(0.0000123, "1.23E-5")]
    [InlineData(0.123456, "0.1235")]
    [InlineData(0.0, "0")]
    public void Number_TinyPValue_IsNotShownAsZero(double value, string expected)
    {
        Assert.Equal(expected, NotebookHtml.Number(value));
    }
}
