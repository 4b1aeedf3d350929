# Prints each failed test of a TRX file: its name, the failure message and the last lines of its output.
function decode(s) { gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s); gsub(/&#xD;/, "", s); gsub(/&amp;/, "\\&", s); return s }
function flush(   i, from) {
  if (!failed || ++shown > 3) return
  print "---- failed: " name
  print "message:"; for (i = 1; i <= nmsg && i <= 15; i++) print "  " decode(msg[i])
  from = nout > 120 ? nout - 119 : 1
  if (nout > 0) print "output (last " (nout - from + 1) " of " nout " lines):"
  for (i = from; i <= nout; i++) print "  " decode(out[i])
}
/<UnitTestResult / { flush(); failed = ($0 ~ /outcome="Failed"/); name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name); nmsg = 0; nout = 0; where = "" }
failed && /<StdOut>/ { where = "out"; sub(/.*<StdOut>/, "") }
failed && /<Message>/ { where = "msg"; sub(/.*<Message>/, "") }
failed && where == "out" { done = sub(/<\/StdOut>.*/, ""); if ($0 !~ /^\[xUnit\.net /) out[++nout] = $0; if (done) where = ""; next }
failed && where == "msg" { done = sub(/<\/Message>.*/, ""); msg[++nmsg] = $0; if (done) where = ""; next }
END { flush() }
