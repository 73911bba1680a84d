using Virtualizability.Execution.Decoding;

namespace Virtualizability.Execution.Compilation;

/// <summary>
/// The step loop of a byte-encoded ISA. Decoding asks the spec's fetch function for one byte at a time, so
/// the loop is ordinary C# around compiled pieces (prologue, fetch, bodies, epilogue) rather than one method.
/// </summary>
internal sealed class ByteRunLoop(CompiledIsa isa, ByteDecoder decoder, ByteFetch fetch)
{
    private readonly struct FetchSource(ExecutionFrame frame, ByteFetch fetch) : ByteDecoder.IByteSource
    {
        public bool TryFetch(int offset, out byte value)
        {
            var status = fetch(frame, (ulong)offset);
            value = (byte)frame.Result;
            return status == ExecutionFrame.StatusContinue;
        }
    }

    public int Run(ExecutionFrame frame, long maxSteps)
    {
        for (long steps = 1; steps <= maxSteps && !frame.StopRequested; steps++)
        {
            frame.StepsExecuted = steps;
            frame.InstructionIndex = -1;
            var status = isa.Prologue(frame);
            if (status != ExecutionFrame.StatusContinue) return status;
            var source = new FetchSource(frame, fetch);
            var outcome = decoder.Decode(ref source, out var instruction, out var word);
            if (outcome == ByteDecoder.Outcome.FetchTrapped) return ExecutionFrame.StatusTrap;
            if (instruction is not null)
            {
                frame.InstructionIndex = instruction.Index;
                status = isa.Body(instruction)(frame, (ulong)word, (ulong)(word >> 64));
            }
            else status = isa.Undefined(frame);
            if (status != ExecutionFrame.StatusContinue) return status;
            status = isa.Epilogue(frame);
            if (status != ExecutionFrame.StatusContinue) return status;
        }
        return ExecutionFrame.StatusContinue;
    }
}
