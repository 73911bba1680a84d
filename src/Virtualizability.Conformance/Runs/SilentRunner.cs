using FsCheck;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Virtualizability.Conformance.Runs;

/// <summary>
/// An FsCheck runner that prints nothing: the conformance runner observes the property itself (it records every
/// case it evaluates), and its caller decides what goes to stdout (text or JSON).
/// </summary>
internal sealed class SilentRunner : IRunner
{
    public TestResult? Result { get; private set; }

    public void OnStartFixture(Type t) { }

    public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every) { }

    public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink) { }

    public void OnFinished(string name, TestResult testResult) => Result = testResult;
}
