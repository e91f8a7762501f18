export default function Page() {
  return <p>bare</p>;
}
