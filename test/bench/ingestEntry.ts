// The ingest service as the benchmark runs it: services/ingest/src/main.ts (configured by env), its MongoDB commands counted.
import './childCommandProfile';
import './cpuProfileWindow';
import '../../services/ingest/src/main';
