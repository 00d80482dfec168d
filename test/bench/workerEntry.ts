// The worker service as the benchmark runs it: services/worker/src/main.ts, its MongoDB commands counted.
import './childCommandProfile';
import '../../services/worker/src/main';
