// The part of autocannon 9's programmatic API the benches use (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number; total: number; totalCount?: number };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    /** A fixed number of requests instead of a duration: the run ends when every one has been answered. */
    amount?: number;
    headers?: Record<string, string>;
    timeout?: number;
    /** Requests answered with a redirect are not followed: counted as non-2xx. */
    followRedirects?: boolean;
  };
  export type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
  };
  /** The run as it goes: "response" as each answer arrives (the client, its status code, bytes, latency). */
  export type Running = Promise<Result> & { stop(): void; on(event: "response", listener: () => void): Running };
  export default function autocannon(options: Options): Running;
}
