using LatentSharp.Data;

namespace LatentSharp.Tests.Data;

public sealed class CsvReaderTests
{
    static Dataset Read(string text, CsvOptions? options = null) =>
        CsvReader.Read(new StringReader(text), "data.csv", options);

    static DataFormatException Refused(string text, CsvOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => Read(text, options).Dispose());

    [Fact]
    public void Detects_a_header_and_reads_features()
    {
        using var dataset = Read("width,height\n1.5,2\n-3e2,4\n");
        Assert.Equal("data", dataset.Name);
        Assert.Equal([2L, 2], dataset.Features.shape);
        Assert.Equal([1.5f, 2f, -300f, 4f], dataset.Features.data<float>().ToArray());
        Assert.False(dataset.HasLabels);
    }

    [Fact]
    public void A_column_named_label_becomes_the_labels_with_a_note_unless_a_label_column_is_given()
    {
        const string text = "x,LABEL,y\n0.5,1,2\n0.25,0,4\n";
        using var detected = Read(text);
        Assert.Equal([2L, 2], detected.Features.shape);
        Assert.Equal([1L, 0], detected.Labels!.data<long>().ToArray());
        var note = Assert.Single(detected.Notes);
        Assert.Contains("column 2 ('LABEL')", note);

        using var named = Read(text, new CsvOptions { LabelColumn = "y" });
        Assert.Equal([2L, 2], named.Features.shape);
        Assert.Empty(named.Notes);

        using var none = Read(text, new CsvOptions { LabelColumn = "none" });
        Assert.Equal([2L, 3], none.Features.shape);
        Assert.False(none.HasLabels);
        Assert.Empty(none.Notes);
    }

    [Fact]
    public void Detects_no_header_when_the_first_line_is_numbers()
    {
        using var dataset = Read("1,2,3\n4,5,6\n\n");
        Assert.Equal([2L, 3], dataset.Features.shape);
        Assert.Equal(1f, dataset.Features.data<float>()[0]);
    }

    [Fact]
    public void A_forced_header_skips_a_numeric_first_line()
    {
        using var dataset = Read("1,2\n3,4\n", new CsvOptions { HasHeader = true });
        Assert.Equal([1L, 2], dataset.Features.shape);
    }

    [Fact]
    public void A_refused_header_makes_a_name_line_an_error()
    {
        var error = Refused("a,b\n1,2\n", new CsvOptions { HasHeader = false });
        Assert.Equal("data.csv line 1: 'a' in column 1 is not a number", error.Message);
    }

    [Theory]
    [InlineData("class", 2)]
    [InlineData("CLASS", 2)]
    [InlineData("3", 2)]
    [InlineData("last", 2)]
    [InlineData("first", 0)]
    [InlineData("1", 0)]
    public void Reads_the_label_column(string labelColumn, int index)
    {
        using var dataset = Read("x,y,class\n7,8,1\n9,10,0\n", new CsvOptions { LabelColumn = labelColumn });
        Assert.Equal([2L, 2], dataset.Features.shape);
        var expected = index == 2 ? new long[] { 1, 0 } : [7, 9];
        Assert.Equal(expected, dataset.Labels!.data<long>().ToArray());
    }

    [Fact]
    public void Reads_labels_without_a_header_and_another_separator()
    {
        using var dataset = Read("0.5;1.25;3\n2;4;0.0\n", new CsvOptions { LabelColumn = "last", Separator = ';' });
        Assert.Equal([0.5f, 1.25f, 2f, 4f], dataset.Features.data<float>().ToArray());
        Assert.Equal([3L, 0], dataset.Labels!.data<long>().ToArray());
    }

    [Fact]
    public void Refuses_a_non_number_naming_line_and_column()
    {
        var error = Refused("a,b,c\n1,2,3\n4,5,abc\n");
        Assert.Equal(3, error.Line);
        Assert.Equal("data.csv line 3: 'abc' in column 3 ('c') is not a number", error.Message);
    }

    [Fact]
    public void Refuses_ragged_rows()
    {
        var error = Refused("a,b,c,d\n1,2,3,4\n1,2,3\n");
        Assert.Equal("data.csv line 3: 3 values, but the header has 4 columns", error.Message);
        error = Refused("1,2\n\n3,4,5\n");
        Assert.Equal("data.csv line 3: 3 values, but line 1 has 2", error.Message);
    }

    [Theory]
    [InlineData("NaN", "NaN in column 2")]
    [InlineData("Infinity", "'Infinity' in column 2 is infinite")]
    [InlineData("-1e999", "'-1e999' in column 2 is infinite")]
    [InlineData("1e39", "'1e39' in column 2 is outside the float32 range")]
    [InlineData("", "column 2 is empty")]
    public void Refuses_non_finite_and_missing_values(string value, string problem)
    {
        var error = Refused($"1,2\n3,4\n5,{value}\n");
        Assert.Equal($"data.csv line 3: {problem}", error.Message);
    }

    [Fact]
    public void Refuses_an_empty_file()
    {
        Assert.Equal("data.csv: the file is empty", Refused("").Message);
        Assert.Equal("data.csv: the file has only blank lines", Refused("\n  \n").Message);
    }

    [Fact]
    public void Refuses_a_header_without_rows()
    {
        Assert.Equal("data.csv line 1: the header is not followed by any data rows", Refused("a,b\n").Message);
    }

    [Theory]
    [InlineData("-1", "label -1 in column 1 is negative; labels must be integers ≥ 0")]
    [InlineData("2.5", "label '2.5' in column 1 is not an integer; labels must be integers ≥ 0")]
    [InlineData("cat", "label 'cat' in column 1 is not an integer; labels must be integers ≥ 0")]
    public void Refuses_bad_labels_naming_the_line(string label, string problem)
    {
        var error = Refused($"0,1,2\n1,3,4\n{label},5,6\n", new CsvOptions { LabelColumn = "first" });
        Assert.Equal($"data.csv line 3: {problem}", error.Message);
    }

    [Fact]
    public void Refuses_an_unknown_label_column()
    {
        var error = Refused("x,y\n1,2\n", new CsvOptions { LabelColumn = "label" });
        Assert.Equal("data.csv line 1: no column is named 'label'; the header has 'x', 'y'", error.Message);
        error = Refused("1,2\n", new CsvOptions { LabelColumn = "3" });
        Assert.Contains("label column 3 does not exist; columns are numbered 1 to 2", error.Message);
    }

    [Fact]
    public void Refuses_a_separator_that_can_occur_in_numbers()
    {
        var error = Assert.Throws<ArgumentException>(() => Read("1.2\n", new CsvOptions { Separator = '.' }));
        Assert.Equal("Separator", error.ParamName);
    }

    [Fact]
    public void Reads_a_file_by_path()
    {
        using var files = new TestFiles();
        var path = files.WriteText("points.csv", "\uFEFFa,b\r\n1,2\r\n");
        using var dataset = CsvReader.Read(path);
        Assert.Equal("points", dataset.Name);
        Assert.Equal([1L, 2], dataset.Features.shape);
    }
}
